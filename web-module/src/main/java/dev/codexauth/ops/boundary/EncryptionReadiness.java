package dev.codexauth.ops.boundary;

import dev.codexauth.ops.control.HealthReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready unless the configured keys open none of the sealed values. Verdict only; key ids are for admins. */
@Readiness
@ApplicationScoped
public class EncryptionReadiness implements HealthCheck {

    @Inject
    HealthReport report;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("encryption").status(report.encryption().up()).build();
    }
}
