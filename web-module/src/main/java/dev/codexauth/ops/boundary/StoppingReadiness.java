package dev.codexauth.ops.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready once the node is stopping: the launcher sets the JVM-wide flag on SIGTERM and keeps serving for
 * {@code SHUTDOWN_DRAIN_SECONDS}, so the load balancer's checks take the node out before it closes (cluster.md).
 */
@Readiness
@ApplicationScoped
public class StoppingReadiness implements HealthCheck {

    /** The system property the launcher sets; a JVM-wide flag because the launcher is not part of the application. */
    public static final String STOPPING = "codexauth.stopping";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting").status(!Boolean.getBoolean(STOPPING)).build();
    }
}
