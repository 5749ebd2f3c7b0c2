package dev.codexauth.provider.boundary;

import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.console.control.AdminTokens;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.HostRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * The admin behind an {@code Authorization: Bearer cxadm_...} token on seed 002's bootstrap routes, which sit at the
 * server root rather than under {@code /admin}. The token is checked as the admin API checks it (revoked, expired,
 * creator disabled or demoted), and only the admin role may start or finish a sign-in or read the credentials.
 */
@RequestScoped
public class AdminBearer {

    private static final String BEARER = "Bearer ";

    @EJB
    AdminTokens tokens;

    @Inject
    HostRequest request;

    @Inject
    HttpServletRequest servletRequest;

    public AuditTrail.Actor admin() {
        String authorization = servletRequest.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()).trim() : null;
        AdminPrincipal principal = tokens.verify(token, request.clientIp())
                .orElseThrow(() -> new ApiException(401, "unauthenticated", "Send Authorization: Bearer with an admin API token (cxadm_...)",
                        null, null, Map.of("WWW-Authenticate", "Bearer realm=\"admin\"")));
        if (!principal.admin()) {
            throw new ApiException(403, "forbidden", "This admin API token reads only; this route takes the admin role");
        }
        return new AuditTrail.Actor(principal.name(), principal.method(), request.clientIp(), null, null);
    }
}
