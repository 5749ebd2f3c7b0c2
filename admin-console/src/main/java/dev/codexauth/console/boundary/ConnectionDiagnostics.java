package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.http.Redaction;
import dev.codexauth.security.control.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How this server sees an admin's connection (admin.md §1.2), for {@code GET /admin/api/diagnostics/connection} and
 * the console's Connection page alike: the resolved client IP, the direct peer and whether it is a trusted proxy, the
 * forwarded headers that arrived, the certificate seen and whose it is, the session's age. Never environment
 * variables or secrets.
 */
@ApplicationScoped
public class ConnectionDiagnostics {

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

    /** The connection of the current request, as a JSON object's members in a fixed order. */
    public Map<String, Object> of(HttpServletRequest servletRequest) {
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
        view.put("session_age_seconds", sessionAge(servletRequest));
        return view;
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

    private static Long sessionAge(HttpServletRequest servletRequest) {
        HttpSession session = servletRequest.getSession(false);
        return session == null ? null : Duration.between(Instant.ofEpochMilli(session.getCreationTime()), Instant.now()).toSeconds();
    }
}
