package dev.codexauth.http;

import dev.codexauth.db.TestDatabase;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the Payara Micro that Arquillian starts a fresh database and an encryption key before the container
 * configuration is read (system property {@code payara.cmdOptions} becomes the Micro JVM's options).
 */
public class MicroTestEnvironment implements LauncherSessionListener {

    static TestDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (database != null) {
            return;
        }
        database = TestDatabase.create("web_it");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.setProperty("payara.cmdOptions", String.join(" ",
                "-Xmx512m",
                "-Ddb.url=" + database.jdbcUrl(),
                "-Ddb.username=" + database.user(),
                "-Ddb.password=" + database.password(),
                "-Dauth.encryption.key=" + Base64.getEncoder().encodeToString(key),
                "-Dsettings.cache.millis=0"));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
