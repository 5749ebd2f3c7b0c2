package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminAccounts;
import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.control.PasswordHasher;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/session}: who is signed in (with the CSRF token session callers send back), signing in and
 * out, and changing one's password (forced after bootstrap or a reset).
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin-session")
public class SessionResource {

    /** The current session or token identity. */
    public record Session(String user, String role, String authMethod, boolean mustChangePassword, String csrfToken,
                          String idleExpiresAt, String absoluteExpiresAt) {
    }

    @Inject
    SecurityContext security;

    @Inject
    AdminRequest request;

    @Inject
    AdminAccounts accounts;

    @Inject
    AuditTrail audit;

    @Inject
    AdminSettings settings;

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpServletResponse servletResponse;

    @GET
    @RolesAllowed("viewer")
    @SecurityRequirement(name = "adminToken")
    @SecurityRequirement(name = "adminSession")
    @Operation(operationId = "getSession", summary = "Who is signed in, with the session's CSRF token")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(schema = @Schema(ref = "Session")))
    public Envelope<Session> current() {
        return Envelope.ok(describe());
    }

    /** Body {@code {"username": "...", "password": "..."}}; one answer for every kind of failure, one for a missing certificate. */
    @POST
    @Path("login")
    @Operation(operationId = "login", summary = "Sign in",
            description = "Sets the session cookie. Every failure gets the same 401. In mtls mode a missing or unaccepted client "
                    + "certificate gets 403 mtls_required before the password is looked at, whatever the password.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Login")))
    @APIResponse(responseCode = "200", description = "The new session", content = @Content(schema = @Schema(ref = "Session")))
    @APIResponse(responseCode = "401", ref = "Unauthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Envelope<Session> login(JsonObject body) {
        String username = body.getString("username", "");
        String password = body.getString("password", "");
        AuthenticationStatus status = security.authenticate(servletRequest, servletResponse, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, password)).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            if (servletResponse.isCommitted()) {
                throw new ApiException(403, "mtls_required", AdminAuthentication.MTLS_REQUIRED);
            }
            if (AdminAuthentication.signInBusy(servletRequest)) {
                throw new PasswordHasher.Busy();
            }
            throw new ApiException(401, "invalid_credentials", "Invalid username or password");
        }
        return Envelope.ok(describe());
    }

    @POST
    @Path("logout")
    @RolesAllowed("viewer")
    @SecurityRequirement(name = "adminToken")
    @SecurityRequirement(name = "adminSession")
    @Operation(operationId = "logout", summary = "Sign out")
    @APIResponse(responseCode = "200", description = "Signed out", content = @Content(schema = @Schema(ref = "SignedOut")))
    public Envelope<Map<String, Boolean>> logout() {
        audit.record(request.actor(), "logout", "admin_user", request.principal().name(), null, null, "ok");
        HttpSession session = servletRequest.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Envelope.ok(Map.of("signed_out", true));
    }

    /** Body {@code {"current_password": "...", "new_password": "..."}}. */
    @POST
    @Path("password")
    @RolesAllowed("viewer")
    @SecurityRequirement(name = "adminToken")
    @SecurityRequirement(name = "adminSession")
    @Operation(operationId = "changePassword", summary = "Change one's own password (required after bootstrap or a reset)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PasswordChange")))
    @APIResponse(responseCode = "200", description = "The session, no longer asked to change the password",
            content = @Content(schema = @Schema(ref = "Session")))
    public Envelope<Session> changePassword(JsonObject body) {
        AdminPrincipal principal = request.principal();
        if (!"form".equals(principal.method())) {
            throw new ApiException(403, "forbidden", "API tokens have no password");
        }
        accounts.changePassword(principal.name(), body.getString("current_password", null), body.getString("new_password", null));
        audit.record(request.actor(), "password.change", "admin_user", principal.name(), null, null, "ok");
        return Envelope.ok(new Session(principal.name(), principal.role(), principal.method(), false, csrf(), idle(), absolute()));
    }

    private Session describe() {
        AdminPrincipal principal = request.principal();
        return new Session(principal.name(), principal.role(), principal.method(), principal.mustChangePassword(), csrf(), idle(),
                absolute());
    }

    private String csrf() {
        HttpSession session = servletRequest.getSession(false);
        return session == null ? null : (String) session.getAttribute(AdminAuthentication.SESSION_CSRF);
    }

    private String idle() {
        HttpSession session = servletRequest.getSession(false);
        return session == null ? null : Timestamps.format(Instant.now().plusSeconds(session.getMaxInactiveInterval()));
    }

    private String absolute() {
        HttpSession session = servletRequest.getSession(false);
        Object signedIn = session == null ? null : session.getAttribute(AdminAuthentication.SESSION_SIGNED_IN_AT);
        return signedIn instanceof Instant at ? Timestamps.format(at.plusSeconds(3600L * settings.maxHours())) : null;
    }
}
