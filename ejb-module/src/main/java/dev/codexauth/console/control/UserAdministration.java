package dev.codexauth.console.control;

import dev.codexauth.console.entity.AdminApiToken;
import dev.codexauth.console.entity.AdminUser;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Managing admin accounts with their audit rows; the last enabled admin and oneself are protected. */
@Stateless
public class UserAdministration {

    /** An account as listed: never the password hash. */
    public record UserView(long id, String username, String displayName, String role, boolean enabled, boolean mustChangePassword,
                           String lockedUntil, String certFingerprint, String lastLoginAt, String lastLoginIp, String createdAt) {
        static UserView of(AdminUser u) {
            return new UserView(u.getId(), u.getUsername(), u.getDisplayName(), u.getRole(), u.isEnabled(), u.isMustChangePassword(),
                    Timestamps.format(u.getLockedUntil()), u.getCertFingerprint(), Timestamps.format(u.getLastLoginAt()),
                    u.getLastLoginIp(), Timestamps.format(u.getCreatedAt()));
        }
    }

    /** An account and, when one was generated, its one-time password (shown once). */
    public record Created(UserView user, String oneTimePassword) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    AdminAccounts accounts;

    @EJB
    AuditTrail audit;

    @EJB
    AdminTokens tokens;

    public List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    public Created create(JsonObject body, AuditTrail.Actor actor) {
        String username = JsonInput.text(body, "username").orElse(null);
        Optional<String> password = JsonInput.text(body, "password");
        String chosen = password.orElseGet(() -> Hashes.randomUrlSafe(18));
        AdminUser user = accounts.create(username, JsonInput.text(body, "display_name").orElse(null),
                JsonInput.text(body, "role").orElse("viewer"), chosen, true);
        em.flush();
        audit.record(actor, "user.create", "admin_user", user.getId(), null, view(user), "ok");
        return new Created(UserView.of(user), password.isPresent() ? null : chosen);
    }

    public Created update(long id, JsonObject body, AuditTrail.Actor actor) {
        AdminUser user = accounts.find(id);
        Map<String, Object> before = view(user);
        Optional<String> role = JsonInput.text(body, "role");
        Optional<Boolean> enabled = JsonInput.flag(body, "enabled");
        role.ifPresent(AdminAccounts::checkRole);
        boolean removesAdmin = (role.isPresent() && !role.get().equals("admin") && "admin".equals(user.getRole()))
                || (enabled.isPresent() && !enabled.get() && user.isEnabled());
        accounts.guardLastAdmin(user, actor.name(), removesAdmin);
        role.ifPresent(user::setRole);
        enabled.ifPresent(user::setEnabled);
        JsonInput.text(body, "display_name").ifPresent(user::setDisplayName);
        if (body.containsKey("cert_fingerprint")) {
            String raw = JsonInput.text(body, "cert_fingerprint").orElse("");
            String fingerprint = raw.replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
            if (!fingerprint.isEmpty() && !fingerprint.matches("^[0-9a-f]{64}$")) {
                throw ValidationFailed.of("cert_fingerprint", "cert_fingerprint must be a SHA-256 fingerprint (64 hex characters)");
            }
            user.setCertFingerprint(fingerprint.isEmpty() ? null : fingerprint);
        }
        if (JsonInput.flag(body, "unlock").orElse(false)) {
            user.setLockedUntil(null);
            user.setFailedLogins(0);
        }
        String oneTime = JsonInput.flag(body, "reset_password").orElse(false) ? accounts.resetPassword(user) : null;
        user.setUpdatedAt(Instant.now());
        Map<String, Object> after = view(user);
        if (oneTime != null) {
            after.put("password", "reset");
        }
        audit.record(actor, "user.update", "admin_user", id, before, after, "ok");
        return new Created(UserView.of(user), oneTime);
    }

    public void delete(long id, AuditTrail.Actor actor) {
        AdminUser user = accounts.find(id);
        accounts.guardLastAdmin(user, actor.name(), true);
        Map<String, Object> before = view(user);
        em.remove(user);
        audit.record(actor, "user.delete", "admin_user", id, before, null, "ok");
        for (AdminApiToken token : tokens.revokeAllOf(user.getUsername())) {
            audit.record(actor, "api_token.revoke", "api_token", token.getId(), null, Map.of("prefix", token.getPrefix(), "reason",
                    "user_deleted"), "ok");
        }
    }

    private static Map<String, Object> view(AdminUser user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.getUsername());
        view.put("role", user.getRole());
        view.put("enabled", user.isEnabled());
        view.put("display_name", user.getDisplayName());
        view.put("cert_fingerprint", user.getCertFingerprint());
        return view;
    }
}
