package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.RateLimiter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Rules of the admin API beyond roles: a rate limit per session or token; a session caller's changing request needs
 * the session's CSRF token in {@code X-CSRF-Token}, a JSON (or multipart) body and a same-origin
 * {@code Origin}/{@code Referer}; a user who must change the password can do only that; answers are never cached and
 * may not be framed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
@ApplicationScoped
public class AdminAccessFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD");
    private static final String ADMIN_BUCKET = "admin-api";
    private static final Set<String> OPEN_TO_PASSWORD_CHANGE = Set.of("session", "session/password", "session/logout", "session/login");

    @Context
    HttpServletRequest servletRequest;

    @Inject
    AdminRequest request;

    @Inject
    AdminSettings settings;

    @Inject
    RateLimiter rateLimiter;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!request.signedIn()) {
            return;
        }
        AdminPrincipal principal = request.principal();
        limitRate(principal);
        if (!"form".equals(principal.method())) {
            return;
        }
        String path = context.getUriInfo().getPath().replaceAll("^/|/$", "");
        if (principal.mustChangePassword() && !OPEN_TO_PASSWORD_CHANGE.contains(path)) {
            throw new ApiException(403, "password_change_required", "Change your password first (POST /admin/api/session/password)");
        }
        if (SAFE.contains(context.getMethod()) || path.equals("session/login")) {
            return;
        }
        HttpSession session = servletRequest.getSession(false);
        Object expected = session == null ? null : session.getAttribute(AdminAuthentication.SESSION_CSRF);
        if (!(expected instanceof String token) || !Hashes.constantTimeEquals(token, context.getHeaderString("X-CSRF-Token"))) {
            throw new ApiException(403, "csrf_failed", "Missing or wrong X-CSRF-Token");
        }
        String type = context.getMediaType() == null ? "" : context.getMediaType().getType() + "/" + context.getMediaType().getSubtype();
        if (context.hasEntity() && !type.equals("application/json") && !type.equals("multipart/form-data")) {
            throw new ApiException(403, "csrf_failed", "Changing requests must send Content-Type: application/json");
        }
        if (!sameOrigin(context.getHeaderString("Origin")) || !sameOrigin(context.getHeaderString("Referer"))) {
            throw new ApiException(403, "csrf_failed", "Cross-origin request refused");
        }
    }

    /**
     * At most {@code ADMIN_RATE_LIMIT_PER_MINUTE} (600) requests a minute per session or token, counted in the database
     * so the limit holds across nodes; a script in a loop gets 429 with {@code Retry-After} instead of load.
     */
    private void limitRate(AdminPrincipal principal) {
        if (settings.rateLimitPerMinute() <= 0) {
            return;
        }
        HttpSession session = servletRequest.getSession(false);
        String caller = "form".equals(principal.method()) && session != null ? "session:" + session.getId() : principal.name();
        RateLimiter.Outcome outcome = rateLimiter.hit("admin:" + Hashes.sha256Hex(caller).substring(0, 40), ADMIN_BUCKET,
                settings.rateLimitPerMinute(), 60, 0);
        if (outcome.blocked()) {
            throw new ApiException(429, "rate_limited", "Too many admin requests; slow down", Map.of("reset_at",
                    Timestamps.format(outcome.resetAt()), "limit", outcome.limit()), null,
                    Map.of("Retry-After", String.valueOf(outcome.retryAfterSeconds())));
        }
    }

    private boolean sameOrigin(String header) {
        if (header == null || header.isBlank()) {
            return true;
        }
        try {
            URI origin = URI.create(header.trim());
            String host = servletRequest.getHeader("Host");
            return host != null && host.equalsIgnoreCase(origin.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext response) {
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
