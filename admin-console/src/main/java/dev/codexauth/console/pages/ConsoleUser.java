package dev.codexauth.console.pages;

import dev.codexauth.console.boundary.AdminRequest;
import dev.codexauth.console.boundary.AdminSettings;
import dev.codexauth.console.control.AdminPrincipal;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.control.FleetPolicy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Map;

/** The signed-in admin as pages see it: name, role, the audit actor, and signing out. */
@Named
@RequestScoped
public class ConsoleUser {

    @Inject
    AdminRequest request;

    @Inject
    AuditTrail audit;

    @Inject
    FleetPolicy policy;

    @Inject
    AdminSettings settings;

    private Map<String, Object> apiState;

    public String getName() {
        return principal().name();
    }

    public String getRole() {
        return principal().role();
    }

    public boolean isMustChangePassword() {
        return request.signedIn() && principal().mustChangePassword();
    }

    /** Viewers see every page, with the controls that change something disabled. */
    public boolean isAdmin() {
        return request.signedIn() && principal().admin();
    }

    /** The kill switch for the banner every page shows while it is on. */
    public Map<String, Object> getApiState() {
        if (apiState == null) {
            apiState = policy.apiState();
        }
        return apiState;
    }

    public boolean isApiDisabled() {
        return Boolean.TRUE.equals(getApiState().get("disabled"));
    }

    AuditTrail.Actor actor() {
        return request.actor();
    }

    /**
     * The server-side half of read-only: a viewer's change is refused, with a message, even when the page was
     * tampered with to show the control.
     */
    boolean mayChange() {
        if (isAdmin()) {
            return true;
        }
        Feedback.error("Viewers can look at everything but change nothing");
        return false;
    }

    public void signOut() throws IOException {
        end(null, "?signedOut=true");
    }

    /** How long the browser may go without a key or the mouse before {@link #signOutIdle()}: the session's idle time. */
    public long getIdleMillis() {
        return 60_000L * settings.idleMinutes();
    }

    /**
     * The console's idle monitor ends the session: without it the dashboard's poll would keep an unattended browser
     * signed in for the whole session lifetime, since every poll is a request.
     */
    public void signOutIdle() throws IOException {
        end(Map.of("reason", "idle", "minutes", settings.idleMinutes()), "?expired=true");
    }

    private void end(Map<String, Object> details, String shownOnSignIn) throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (request.signedIn()) {
            audit.record(request.actor(), "logout", "admin_user", principal().name(), null, details, "ok");
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + ConsoleGate.SIGN_IN + shownOnSignIn);
    }

    private AdminPrincipal principal() {
        return request.principal();
    }
}
