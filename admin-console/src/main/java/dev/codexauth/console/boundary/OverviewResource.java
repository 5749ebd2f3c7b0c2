package dev.codexauth.console.boundary;

import dev.codexauth.console.control.FleetOverview;
import dev.codexauth.http.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /admin/api/overview} (and the original's {@code /admin/overview}): the dashboard's figures (admin.md §2.2). */
@Path("overview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-overview")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class OverviewResource {

    @Inject
    FleetOverview overview;

    @Inject
    ClientCertificates certificates;

    @Inject
    AdminSettings settings;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Operation(operationId = "getOverview", summary = "The dashboard's figures")
    @APIResponse(responseCode = "200", description = "The fleet at a glance",
            content = @Content(schema = @Schema(ref = "Overview")))
    public Envelope<Map<String, Object>> overview() {
        return Envelope.ok(overview.of(mtls(), Instant.now()));
    }

    /** {required, present, enforced} and, with a certificate, its fingerprint, subject and issuer. */
    private Map<String, Object> mtls() {
        Optional<ClientCertificates.Seen> seen = certificates.of(servletRequest);
        Map<String, Object> mtls = new LinkedHashMap<>();
        mtls.put("required", settings.mtlsRequired());
        mtls.put("present", seen.isPresent());
        mtls.put("enforced", settings.mtlsRequired() && seen.isPresent());
        seen.ifPresent(certificate -> {
            mtls.put("fingerprint", certificate.fingerprint());
            mtls.put("subject", certificate.subject());
            mtls.put("issuer", certificate.issuer());
        });
        return mtls;
    }
}
