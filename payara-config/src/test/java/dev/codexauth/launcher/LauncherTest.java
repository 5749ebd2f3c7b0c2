package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
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

    @Test
    void aPortAnotherProcessListensOnIsRefusedBeforeTheServerBoots() throws IOException {
        try (ServerSocket other = new ServerSocket(0)) {
            assertThatThrownBy(() -> Launcher.requirePortFree(other.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("port " + other.getLocalPort() + " is in use by another process")
                    .hasMessageEndingWith("choose another with PORT");
        }
    }

    @Test
    void aPortTheUserMayNotOpenIsNotReportedAsInUse() {
        assertThat(Launcher.portRefusal(80, "Permission denied")).isEqualTo(
                "port 80 cannot be opened (Permission denied); ports below 1024 need privileges, choose another with PORT");
        assertThat(Launcher.portRefusal(8080, "Address already in use"))
                .isEqualTo("port 8080 is in use by another process (Address already in use); stop it or choose another with PORT");
    }

    @Test
    void aPortNobodyListensOnIsAccepted() throws IOException {
        int port;
        try (ServerSocket released = new ServerSocket(0)) {
            port = released.getLocalPort();
        }
        assertThatCode(() -> Launcher.requirePortFree(port)).doesNotThrowAnyException();
    }
}
