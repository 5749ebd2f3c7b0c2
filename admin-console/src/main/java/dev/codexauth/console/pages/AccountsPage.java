package dev.codexauth.console.pages;

import dev.codexauth.console.control.AdminTokens;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.control.UserAdministration;
import dev.codexauth.console.entity.AdminApiToken;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/accounts.xhtml}: admin accounts and admin API tokens (admin.md §3.6), admins only. A one-time
 * password or a new token is shown in the response that made it and never again.
 */
@Named
@ViewScoped
public class AccountsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAdministration users;

    @Inject
    AdminTokens tokens;

    @Inject
    AuditTrail audit;

    @Inject
    ConsoleUser user;

    private String newUsername;
    private String newRole = "viewer";
    private String tokenLabel;
    private String tokenRole = "viewer";
    private int tokenDays = 90;
    /** The secret of the last action, for this one response only. */
    private transient String revealed;

    public List<UserAdministration.UserView> getUsers() {
        return user.isAdmin() ? users.list() : List.of();
    }

    public List<AdminApiToken> getTokens() {
        return user.isAdmin() ? tokens.list() : List.of();
    }

    public void createUser() {
        if (user.mayChange()) {
            JsonObject body = Json.createObjectBuilder().add("username", newUsername == null ? "" : newUsername.trim())
                    .add("role", newRole).build();
            UserAdministration.Created created = Feedback.attempt(() -> users.create(body, user.actor()), null);
            if (created != null) {
                Feedback.info("Account " + created.user().username() + " created; it must choose a new password at first sign-in");
                revealed = "One-time password for " + created.user().username() + ": " + created.oneTimePassword();
                newUsername = null;
            }
        }
    }

    public void setEnabled(UserAdministration.UserView account, boolean enabled) {
        update(account, Json.createObjectBuilder().add("enabled", enabled).build(),
                (enabled ? "Enabled " : "Disabled ") + account.username());
    }

    public void unlock(UserAdministration.UserView account) {
        update(account, Json.createObjectBuilder().add("unlock", true).build(), "Unlocked " + account.username());
    }

    public void resetPassword(UserAdministration.UserView account) {
        UserAdministration.Created changed = update(account, Json.createObjectBuilder().add("reset_password", true).build(),
                "Password reset for " + account.username());
        if (changed != null) {
            revealed = "One-time password for " + account.username() + ": " + changed.oneTimePassword();
        }
    }

    private UserAdministration.Created update(UserAdministration.UserView account, JsonObject change, String done) {
        return user.mayChange() ? Feedback.attempt(() -> users.update(account.id(), change, user.actor()), done) : null;
    }

    /** Minted by a signed-in admin, as through the API; audited with its prefix, never the secret. */
    public void createToken() {
        if (!user.mayChange()) {
            return;
        }
        if (tokenDays < 1 || tokenDays > 365) {
            Feedback.fieldError("tokens:days", "Expiry must be between 1 and 365 days");
            return;
        }
        AdminTokens.Created created = Feedback.attempt(() -> tokens.create(tokenLabel, tokenRole, tokenDays, user.getName()), null);
        if (created != null) {
            audit.record(user.actor(), "api_token.create", "api_token", created.row().getId(), null,
                    Map.of("prefix", created.row().getPrefix(), "label", created.row().getLabel(), "role", created.row().getRole()), "ok");
            Feedback.info("Token " + created.row().getPrefix() + "… created");
            revealed = "New API token (copy it now): " + created.token();
            tokenLabel = null;
        }
    }

    public void revoke(AdminApiToken token) {
        if (user.mayChange() && Feedback.run("Token " + token.getPrefix() + "… revoked", () -> tokens.revoke(token.getId()))) {
            audit.record(user.actor(), "api_token.revoke", "api_token", token.getId(), null, Map.of("prefix", token.getPrefix()), "ok");
        }
    }

    public String getRevealed() {
        String once = revealed;
        revealed = null;
        return once;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    public String getTokenLabel() {
        return tokenLabel;
    }

    public void setTokenLabel(String tokenLabel) {
        this.tokenLabel = tokenLabel;
    }

    public String getTokenRole() {
        return tokenRole;
    }

    public void setTokenRole(String tokenRole) {
        this.tokenRole = tokenRole;
    }

    public int getTokenDays() {
        return tokenDays;
    }

    public void setTokenDays(int tokenDays) {
        this.tokenDays = tokenDays;
    }
}
