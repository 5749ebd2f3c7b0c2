package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.Redaction;
import dev.codexauth.security.control.ClientAddress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/api/diagnostics/connection} (admin.md §1.2): how this server sees the admin's connection, to set
 * up proxies and client certificates: the resolved client IP, the direct peer and whether it is a trusted proxy, the
 * forwarded headers that arrived, the certificate seen and whose it is, the session's age. Replaces the original's
 * debug pages; never environment variables or secrets.
 */
@Path("diagnostics/connection")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-operations")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class DiagnosticsResource {

    private static final List<String> FORWARDED = List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP",
            "Forwarded");

    @Inject
    AdminRequest request;

    @Inject
    ClientAddress clientAddress;

    @Inject
    ClientCertificates certificates;

    @Inject
    AdminAccounts accounts;

    @Inject
    AdminSettings settings;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Operation(operationId = "getConnectionDiagnostics",
            summary = "How the server sees this connection (proxies, client certificate, session)")
    @APIResponse(responseCode = "200", description = "The connection as seen",
            content = @Content(schema = @Schema(ref = "ConnectionDiagnostics")))
    public Envelope<Map<String, Object>> connection() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_ip", request.clientIp());
        view.put("peer", servletRequest.getRemoteAddr());
        view.put("peer_is_trusted_proxy", clientAddress.isTrustedProxy(servletRequest.getRemoteAddr()));
        view.put("scheme", servletRequest.getScheme());
        view.put("secure", servletRequest.isSecure());
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (String header : FORWARDED) {
            String value = servletRequest.getHeader(header);
            if (value != null) {
                forwarded.put(header, Redaction.text(value, 512));
            }
        }
        view.put("forwarded_headers", forwarded);
        view.put("access_mode", settings.mtlsRequired() ? "mtls" : "login");
        view.put("certificate", certificates.of(servletRequest).map(this::certificate).orElse(null));
        view.put("auth_method", request.principal().method());
        view.put("session_age_seconds", sessionAge());
        return Envelope.ok(view);
    }

    private Map<String, Object> certificate(ClientCertificates.Seen seen) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("fingerprint", seen.fingerprint());
        view.put("subject", seen.subject());
        view.put("issuer", seen.issuer());
        view.put("not_before", seen.notBefore());
        view.put("not_after", seen.notAfter());
        view.put("source", seen.source());
        view.put("allow_listed", settings.allowedFingerprints().contains(seen.fingerprint()));
        view.put("matching_user", accounts.userWithFingerprint(seen.fingerprint()).orElse(null));
        return view;
    }

    private Long sessionAge() {
        HttpSession session = servletRequest.getSession(false);
        return session == null ? null : Duration.between(Instant.ofEpochMilli(session.getCreationTime()), Instant.now()).toSeconds();
    }
}
