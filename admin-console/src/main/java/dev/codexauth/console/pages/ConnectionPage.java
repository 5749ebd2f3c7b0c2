package dev.codexauth.console.pages;

import dev.codexauth.console.boundary.ConnectionDiagnostics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/connection.xhtml} (admin.md §3.6, admins only): how this server sees the admin's own connection —
 * client IP, peer and proxy trust, forwarded headers, the client certificate and the session — from the same
 * {@link ConnectionDiagnostics} as {@code GET /admin/api/diagnostics/connection}, to set up proxies and mTLS.
 */
@Named
@RequestScoped
public class ConnectionPage {

    /** One line of the page: what is shown and what the server saw (blank when nothing). */
    public record Line(String label, String value) {
    }

    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("client_ip", "Client IP (as resolved)"),
            Map.entry("peer", "Direct peer"), Map.entry("peer_is_trusted_proxy", "Peer is a trusted proxy"),
            Map.entry("scheme", "Scheme"), Map.entry("secure", "TLS to this server"), Map.entry("access_mode", "Access mode"),
            Map.entry("auth_method", "Signed in by"), Map.entry("session_age_seconds", "Session age (seconds)"),
            Map.entry("fingerprint", "Certificate SHA-256"), Map.entry("subject", "Certificate subject"),
            Map.entry("issuer", "Certificate issuer"), Map.entry("not_before", "Certificate valid from"),
            Map.entry("not_after", "Certificate valid until"), Map.entry("source", "Certificate taken from"),
            Map.entry("allow_listed", "Fingerprint allow-listed"), Map.entry("matching_user", "Certificate of user"));

    @Inject
    ConnectionDiagnostics diagnostics;

    @Inject
    ConsoleUser user;

    private List<Line> lines;

    public List<Line> getLines() {
        if (lines == null) {
            lines = user.isAdmin() ? lines(diagnostics.of((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                    .getRequest())) : List.of();
        }
        return lines;
    }

    private static List<Line> lines(Map<String, Object> view) {
        List<Line> lines = new ArrayList<>();
        view.forEach((name, value) -> {
            if (value instanceof Map<?, ?> nested && "forwarded_headers".equals(name)) {
                if (nested.isEmpty()) {
                    lines.add(new Line("Forwarded headers", "none arrived"));
                }
                nested.forEach((header, text) -> lines.add(new Line("Header " + header, String.valueOf(text))));
            } else if (value instanceof Map<?, ?> certificate) {
                certificate.forEach((field, text) -> lines.add(new Line(LABELS.getOrDefault(field.toString(), field.toString()),
                        text == null ? "" : String.valueOf(text))));
            } else if ("certificate".equals(name)) {
                lines.add(new Line("Client certificate", "none seen"));
            } else {
                lines.add(new Line(LABELS.getOrDefault(name, name), value == null ? "" : String.valueOf(value)));
            }
        });
        return lines;
    }
}
