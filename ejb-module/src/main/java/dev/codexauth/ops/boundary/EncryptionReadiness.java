package dev.codexauth.ops.boundary;

import dev.codexauth.security.control.CiphertextAudit;
import dev.codexauth.security.control.Encryption;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready when sealed values exist and none of them opens: the server was started with the wrong keys and would
 * otherwise answer "no canonical auth" to every host. Single unopenable rows are reported, not fatal.
 */
@Readiness
@ApplicationScoped
public class EncryptionReadiness implements HealthCheck {

    @EJB
    Encryption encryption;

    @EJB
    CiphertextAudit audit;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("encryption")
                .withData("active_key", encryption.ring().activeKeyId())
                .withData("keys", String.join(",", encryption.ring().keyIds()));
        CiphertextAudit.Report report = audit.report();
        if (report == null) {
            return response.up().withData("audit", "running").build();
        }
        return response.withData("sealed_values_opened", report.opened())
                .withData("sealed_values_failing", report.failed())
                .status(!report.wrongKeys())
                .build();
    }
}
