package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.http.ApiException;
import dev.codexauth.security.control.ClientAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/** Who is calling the admin API and from where, as the authentication mechanism established it. */
@RequestScoped
public class AdminRequest {

    static final String PRINCIPAL = AdminRequest.class.getName() + ".principal";
    static final String CLIENT_IP = AdminRequest.class.getName() + ".ip";
    static final String FINGERPRINT = AdminRequest.class.getName() + ".fingerprint";

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    ClientAddress clientAddress;

    private final String requestId = UUID.randomUUID().toString();

    public AdminPrincipal principal() {
        Object principal = servletRequest.getAttribute(PRINCIPAL);
        if (!(principal instanceof AdminPrincipal admin)) {
            throw new ApiException(401, "unauthenticated", "Sign in required");
        }
        return admin;
    }

    /** How the request reached the server; forwarded parts only from a trusted proxy. */
    public RequestOrigin origin() {
        boolean viaProxy = clientAddress.isTrustedProxy(servletRequest.getRemoteAddr());
        return new RequestOrigin(servletRequest.getScheme(), servletRequest.getHeader("Host"),
                viaProxy ? servletRequest.getHeader("X-Forwarded-Host") : null,
                viaProxy ? servletRequest.getHeader("X-Forwarded-Proto") : null);
    }

    public boolean signedIn() {
        return servletRequest.getAttribute(PRINCIPAL) instanceof AdminPrincipal;
    }

    public String clientIp() {
        Object ip = servletRequest.getAttribute(CLIENT_IP);
        return ip == null ? servletRequest.getRemoteAddr() : ip.toString();
    }

    public AuditTrail.Actor actor() {
        AdminPrincipal principal = principal();
        return new AuditTrail.Actor(principal.name(), principal.method(), clientIp(),
                (String) servletRequest.getAttribute(FINGERPRINT), requestId);
    }

    /** For events before anyone is known (failed sign-ins). */
    public AuditTrail.Actor anonymous(String claimedName) {
        return new AuditTrail.Actor(claimedName == null || claimedName.isBlank() ? "anonymous" : claimedName, "form", clientIp(),
                null, requestId);
    }
}
