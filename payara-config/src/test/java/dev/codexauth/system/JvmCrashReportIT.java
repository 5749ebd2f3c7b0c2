package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A crash of the server's JVM leaves its report under DATA_DIR, in a directory only the server's user can read, and
 * not in the directory the server was started from (an operator's checkout, a service's working directory): the
 * report lists the JVM's arguments and some environment variables and holds bytes of its memory.
 */
class JvmCrashReportIT {

    @Test
    void aCrashReportLandsUnderTheDataDirectoryOnly() throws Exception {
        Path dataDir = Path.of("target", "crash-data").toAbsolutePath();
        TestFiles.deleteTree(dataDir);
        try (TestDatabase database = TestDatabase.create("crash")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("DATA_DIR", dataDir.toString());
            settings.put("JAVA_OPTS", "-XX:-CreateCoredumpOnCrash");
            // Crashed as soon as it serves hosts: the admin application would only deploy for nothing meanwhile.
            settings.put("ADMIN_CONSOLE_START", "on-demand");
            try (RunningServer server = RunningServer.startServingHosts("crash", settings)) {
                String report = "hs_err_pid" + server.pid() + ".log";
                server.crash();

                Path crashDir = dataDir.resolve("crash");
                assertThat(crashDir.resolve(report)).content().contains("SIGSEGV");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(crashDir))).isEqualTo("rwx------");
                assertThat(Path.of("").toAbsolutePath().resolve(report)).doesNotExist();
                assertThat(server.log()).contains(crashDir.resolve(report).toString());
            }
        }
    }
}
