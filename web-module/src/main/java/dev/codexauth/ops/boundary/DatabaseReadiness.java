package dev.codexauth.ops.boundary;

import dev.codexauth.ops.control.HealthReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers at the newest schema. The public answer is the verdict only (see {@link HealthReport}). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    HealthReport report;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database").status(report.database().up()).build();
    }
}
