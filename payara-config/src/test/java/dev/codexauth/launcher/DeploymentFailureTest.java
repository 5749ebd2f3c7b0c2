package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DeploymentFailureTest {

    private static final Logger PAYARA = Logger.getLogger("javax.enterprise.system.core");

    @Test
    void aFailureLoggedWithItsExceptionIsNamedByTheInnermostCause() {
        try (DeploymentFailure failure = DeploymentFailure.watch()) {
            PAYARA.log(Level.SEVERE, "Exception while loading the app",
                    withoutTrace(new IllegalStateException("EJB Container initialization error",
                            withoutTrace(new IllegalStateException("Client's transaction aborted")))));

            assertThat(failure.cause()).contains("Client's transaction aborted");
        }
    }

    @Test
    void aFailureLoggedAsTextOnlyIsNamedByTheFirstSevereMessageWithItsParameters() {
        try (DeploymentFailure failure = DeploymentFailure.watch()) {
            PAYARA.info("Loading application codex-auth-admin");
            PAYARA.log(Level.SEVERE, "Exception while loading the app : {0}", "Lock wait timeout exceeded");
            PAYARA.severe("Exception while deploying the app [codex-auth-admin]");

            assertThat(failure.cause()).contains("Exception while loading the app : Lock wait timeout exceeded");
        }
    }

    @Test
    void aFirstMessageThatIsOnlyAnIdComesWithTheMessageThatExplainsIt() {
        try (DeploymentFailure failure = DeploymentFailure.watch()) {
            Logger.getLogger("javax.enterprise.system.tools.deployment.dol").severe("AS-DEPLOYMENT-00026");
            PAYARA.severe("JNDI lookup failed for the resource: Name: [central], Lookup: [java:app/jdbc/central]");
            PAYARA.severe("Exception while deploying the app [codex-auth-admin]");

            assertThat(failure.cause()).contains(
                    "AS-DEPLOYMENT-00026: JNDI lookup failed for the resource: Name: [central], Lookup: [java:app/jdbc/central]");
        }
    }

    @Test
    void nothingSevereMeansNoCause() {
        try (DeploymentFailure failure = DeploymentFailure.watch()) {
            PAYARA.warning("Payara Micro Runtime directory is located in a temporary file location");

            assertThat(failure.cause()).isEmpty();
        }
    }

    /** Keeps the console's copy of a logged exception short: one line a cause, no stack. */
    private static Throwable withoutTrace(Throwable e) {
        e.setStackTrace(new StackTraceElement[0]);
        return e;
    }
}
