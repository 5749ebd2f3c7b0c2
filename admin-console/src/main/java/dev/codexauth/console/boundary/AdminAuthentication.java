package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.console.control.AdminTokens;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.HttpErrors;
import dev.codexauth.security.control.ClientAddress;
import dev.codexauth.security.control.Hashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admin authentication (admin.md §1.2) as one Jakarta Security mechanism: {@code Authorization: Bearer cxadm_...}
 * API tokens, user name and password (through {@code SecurityContext.authenticate}, then an HTTP session), and in
 * {@code mtls} mode a client certificate pinned to the user or allow-listed, read from the TLS connection or from
 * a trusted proxy's header only. Roles are enforced per endpoint with {@code @RolesAllowed}.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "codex-auth-central.admin.user";
    static final String SESSION_CSRF = "codex-auth-central.admin.csrf";
    static final String SESSION_SIGNED_IN_AT = "codex-auth-central.admin.signed-in-at";
    static final String SIGN_IN_OUTCOME = AdminAuthentication.class.getName() + ".sign-in";
    static final String MTLS_REQUIRED = "A client certificate pinned to this account is required";

    @Inject
    AdminTokens tokens;

    @Inject
    AdminAccounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    ClientAddress clientAddress;

    @Inject
    AdminSettings settings;

    @Inject
    ClientCertificates certificates;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String forwarded = ClientAddress.forwardedFor(request.getHeaders("X-Forwarded-For"));
        String ip = clientAddress.resolve(request.getRemoteAddr(), forwarded, request.getHeader("X-Real-IP")).orElse(request.getRemoteAddr());
        request.setAttribute(AdminRequest.CLIENT_IP, ip);
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            Optional<AdminPrincipal> principal = tokens.verify(authorization.substring("Bearer ".length()).trim(), ip);
            if (principal.isEmpty()) {
                return refuse(response, context, 401, "unauthenticated", "Invalid, expired or revoked API token");
            }
            return establish(request, response, context, principal.get(), null);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential password) {
            return signIn(request, response, context, password, ip);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof String user) {
            Instant signedIn = (Instant) session.getAttribute(SESSION_SIGNED_IN_AT);
            Optional<AdminPrincipal> principal = accounts.current(user);
            if (principal.isPresent() && signedIn != null && signedIn.plusSeconds(3600L * settings.maxHours()).isAfter(Instant.now())) {
                return establish(request, response, context, principal.get(), principal.get().userId());
            }
            audit.recordIndependently(new AuditTrail.Actor(user, "form", ip, null, null), "session.expired", "admin_user", user,
                    null, null, "ok");
            session.invalidate();
        }
        return context.doNothing();
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                        UsernamePasswordCredential credential, String ip) {
        String fingerprint = certificates.of(request).map(ClientCertificates.Seen::fingerprint).orElse(null);
        AuditTrail.Actor actor = new AuditTrail.Actor(credential.getCaller(), "form", ip, fingerprint, null);
        if (settings.mtlsRequired() && !certificateAccepted(fingerprint, credential.getCaller())) {
            // Before the password: without the certificate no answer may depend on it, and the account stays untouched.
            audit.recordIndependently(actor, "login", "admin_user", credential.getCaller(), null, Map.of("reason", "mtls_required"),
                    "denied");
            return refuse(response, context, 403, "mtls_required", MTLS_REQUIRED);
        }
        AdminAccounts.SignIn outcome = accounts.signIn(credential.getCaller(), credential.getPasswordAsString(), ip);
        if (outcome.principal().isEmpty()) {
            audit.recordIndependently(actor, "login", "admin_user", credential.getCaller(), null,
                    Map.of("reason", outcome.reason()), outcome.reason().startsWith("locked") ? "denied" : "error");
            request.setAttribute(SIGN_IN_OUTCOME, outcome.reason());
            return AuthenticationStatus.SEND_FAILURE;
        }
        AdminPrincipal principal = outcome.principal().get();
        AuthenticationStatus status = establish(request, response, context, principal, principal.userId());
        if (status != AuthenticationStatus.SUCCESS) {
            return status;
        }
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval(60 * settings.idleMinutes());
        session.setAttribute(SESSION_USER, principal.name());
        session.setAttribute(SESSION_CSRF, Hashes.randomUrlSafe(24));
        session.setAttribute(SESSION_SIGNED_IN_AT, Instant.now());
        audit.recordIndependently(actor, "login", "admin_user", principal.name(), null, null, "ok");
        return status;
    }

    private AuthenticationStatus establish(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                           AdminPrincipal principal, Long userId) {
        String fingerprint = certificates.of(request).map(ClientCertificates.Seen::fingerprint).orElse(null);
        if (settings.mtlsRequired() && !certificateAccepted(fingerprint, principal.userId() == null ? null : principal.name())) {
            return refuse(response, context, 403, "mtls_required", MTLS_REQUIRED);
        }
        request.setAttribute(AdminRequest.PRINCIPAL, principal);
        request.setAttribute(AdminRequest.FINGERPRINT, fingerprint);
        Set<String> groups = principal.admin() ? Set.of("admin", "viewer") : Set.of("viewer");
        return context.notifyContainerAboutLogin(principal.name(), groups);
    }

    /** An allow-listed certificate, or the one pinned to this enabled account ({@code null} for a token: allow list only). */
    private boolean certificateAccepted(String fingerprint, String username) {
        if (fingerprint == null) {
            return false;
        }
        if (settings.allowedFingerprints().contains(fingerprint)) {
            return true;
        }
        return username != null && accounts.current(username).isPresent() && fingerprint.equals(accounts.fingerprintOf(username));
    }

    /** Whether this request's sign-in was turned away because too many were checking passwords at once. */
    public static boolean signInBusy(HttpServletRequest request) {
        return "busy".equals(request.getAttribute(SIGN_IN_OUTCOME));
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, HttpMessageContext context, int status, String code,
                                               String message) {
        try {
            response.setHeader("Cache-Control", "no-store");
            HttpErrors.write(response, new ApiException(status, code, message));
        } catch (IOException e) {
            return context.responseUnauthorized();
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
