package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void aRefusalWrappedByTheDatabaseStartIsLoggedOnce() {
        IllegalStateException refusal = new IllegalStateException("DATA_DIR /tmp/x lies under the temporary directory /tmp");
        assertThat(Launcher.rootMessage(new ExecutionException(refusal)))
                .isEqualTo("DATA_DIR /tmp/x lies under the temporary directory /tmp");
    }

    @Test
    void aRootCauseAddsItsMessageToTheStepThatFailed() {
        Exception failed = new IllegalStateException("Deployment of the host API failed",
                new RuntimeException("pool", new SQLException("Access denied for user 'codex'")));
        assertThat(Launcher.rootMessage(failed)).isEqualTo("Deployment of the host API failed (Access denied for user 'codex')");
        assertThat(Launcher.rootMessage(new IllegalStateException("port 8080 is in use"))).isEqualTo("port 8080 is in use");
    }
}
