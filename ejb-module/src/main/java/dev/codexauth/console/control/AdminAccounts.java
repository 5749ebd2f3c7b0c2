package dev.codexauth.console.control;

import dev.codexauth.console.entity.AdminUser;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.RateLimiter;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admin accounts (admin.md §1.2): sign-in with lockout after repeated failures and a per-IP limit on failed
 * sign-ins, password rules, and the account management that keeps at least one enabled admin.
 */
@Stateless
public class AdminAccounts {

    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{3,64}$");
    static final String LOGIN_FAIL_BUCKET = "admin-login-fail";
    static final long IP_WINDOW_SECONDS = 600;

    /** The result of a sign-in attempt; {@code reason} is for the audit trail only, never for the caller. */
    public record SignIn(Optional<AdminPrincipal> principal, String reason) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    RateLimiter rateLimiter;

    @Inject
    @ConfigProperty(name = "admin.login.max.failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "admin.login.lock.minutes", defaultValue = "15")
    int lockMinutes;

    @Inject
    @ConfigProperty(name = "admin.login.ip.max.failures", defaultValue = "20")
    int ipMaxFailures;

    private final PasswordHasher hasher = new PasswordHasher();

    /**
     * Checks a password; counts failures (and locks the account) in this transaction, which the caller commits. The
     * attempt counts against the caller's address before the password is checked, so attempts in flight count too,
     * and is given back when the password was right: the limit counts failures only.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SignIn signIn(String username, String password, String clientIp) {
        if (ipMaxFailures > 0 && rateLimiter.hit(clientIp, LOGIN_FAIL_BUCKET, ipMaxFailures, IP_WINDOW_SECONDS, 0).blocked()) {
            return new SignIn(Optional.empty(), "ip_rate_limited");
        }
        try {
            return checked(username, password, clientIp);
        } catch (PasswordHasher.Busy busy) {
            // No password was checked: the attempt neither counts against the address nor against the account.
            giveBack(clientIp);
            return new SignIn(Optional.empty(), "busy");
        }
    }

    private SignIn checked(String username, String password, String clientIp) {
        Optional<AdminUser> found = lockedByName(username);
        if (found.isEmpty() || password == null) {
            hasher.burn(password == null ? "" : password);
            return new SignIn(Optional.empty(), "unknown_user");
        }
        AdminUser user = found.get();
        Instant now = Instant.now();
        // The hash is computed for every attempt, so the answer's timing tells no one whether the account exists,
        // is disabled or is locked.
        boolean passwordMatches = hasher.verify(password, user.getPasswordHash());
        if (!user.isEnabled()) {
            return new SignIn(Optional.empty(), "disabled");
        }
        if (user.getLockedUntil() != null && user.getLockedUntil().isAfter(now)) {
            return new SignIn(Optional.empty(), "locked");
        }
        if (!passwordMatches) {
            user.setFailedLogins(user.getFailedLogins() + 1);
            if (user.getFailedLogins() >= Math.max(1, maxFailures)) {
                user.setLockedUntil(now.plus(Duration.ofMinutes(Math.max(1, lockMinutes))));
                user.setFailedLogins(0);
                return new SignIn(Optional.empty(), "locked_now");
            }
            return new SignIn(Optional.empty(), "wrong_password");
        }
        giveBack(clientIp);
        user.setFailedLogins(0);
        user.setLockedUntil(null);
        user.setLastLoginAt(now);
        user.setLastLoginIp(clientIp);
        return new SignIn(Optional.of(principal(user)), "ok");
    }

    /** The enabled account of this name, for API tokens whose creator must still be allowed in. */
    public Optional<AdminUser> enabled(String username) {
        return byName(username).filter(AdminUser::isEnabled);
    }

    /** The principal of a signed-in session, re-read so that disabling or demoting takes effect at once. */
    public Optional<AdminPrincipal> current(String username) {
        return byName(username).filter(AdminUser::isEnabled).map(AdminAccounts::principal);
    }

    /** The account a certificate fingerprint is pinned to. */
    public Optional<String> userWithFingerprint(String fingerprint) {
        return em.createQuery("SELECT u.username FROM AdminUser u WHERE u.certFingerprint = :fingerprint", String.class)
                .setParameter("fingerprint", fingerprint).setMaxResults(1).getResultStream().findFirst();
    }

    /** The certificate fingerprint pinned to an account, or null. */
    public String fingerprintOf(String username) {
        return byName(username).map(AdminUser::getCertFingerprint).orElse(null);
    }

    public void changePassword(String username, String current, String replacement) {
        AdminUser user = byName(username).orElseThrow(() -> new ApiException(401, "unauthenticated", "Sign in required"));
        if (!hasher.verify(current == null ? "" : current, user.getPasswordHash())) {
            throw ValidationFailed.of("current_password", "Current password is wrong");
        }
        checkPassword(user.getUsername(), replacement);
        user.setPasswordHash(hasher.hash(replacement));
        user.setMustChangePassword(false);
        user.setUpdatedAt(Instant.now());
    }

    public AdminUser create(String username, String displayName, String role, String password, boolean mustChange) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ValidationFailed.of("username", "username must be 3-64 characters of letters, digits and . _ @ -");
        }
        checkRole(role);
        if (byName(username).isPresent()) {
            throw new ApiException(409, "username_taken", "A user with this name exists");
        }
        checkPassword(username, password);
        AdminUser user = new AdminUser();
        user.setUsername(username);
        user.setDisplayName(displayName);
        user.setRole(role);
        user.setPasswordHash(hasher.hash(password));
        user.setMustChangePassword(mustChange);
        user.setCreatedAt(Instant.now());
        user.setUpdatedAt(Instant.now());
        em.persist(user);
        return user;
    }

    public List<AdminUser> list() {
        return em.createQuery("SELECT u FROM AdminUser u ORDER BY u.username", AdminUser.class).getResultList();
    }

    public AdminUser find(long id) {
        AdminUser user = em.find(AdminUser.class, id);
        if (user == null) {
            throw new ApiException(404, "user_not_found", "User not found");
        }
        return user;
    }

    /** Refuses to leave the console without an enabled admin, and admins from demoting, disabling or deleting themselves. */
    public void guardLastAdmin(AdminUser target, String actor, boolean removesAdmin) {
        if (!removesAdmin) {
            return;
        }
        if (target.getUsername().equalsIgnoreCase(actor)) {
            throw new ApiException(409, "self_change_refused", "You cannot demote, disable or delete yourself");
        }
        long enabledAdmins = em.createQuery("SELECT COUNT(u) FROM AdminUser u WHERE u.role = 'admin' AND u.enabled = true", Long.class)
                .getSingleResult();
        if ("admin".equals(target.getRole()) && target.isEnabled() && enabledAdmins <= 1) {
            throw new ApiException(409, "last_admin", "The last enabled admin cannot be demoted, disabled or deleted");
        }
    }

    public String resetPassword(AdminUser user) {
        String password = Hashes.randomUrlSafe(18);
        user.setPasswordHash(hasher.hash(password));
        user.setMustChangePassword(true);
        user.setFailedLogins(0);
        user.setLockedUntil(null);
        user.setUpdatedAt(Instant.now());
        return password;
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM AdminUser u", Long.class).getSingleResult();
    }

    public static void checkRole(String role) {
        if (!"admin".equals(role) && !"viewer".equals(role)) {
            throw ValidationFailed.of("role", "role must be admin or viewer");
        }
    }

    static void checkPassword(String username, String password) {
        if (password == null || password.length() < 12 || password.length() > 128) {
            throw ValidationFailed.of("password", "password must be 12 to 128 characters");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw ValidationFailed.of("password", "password must not contain the user name");
        }
    }

    private void giveBack(String clientIp) {
        if (ipMaxFailures > 0) {
            rateLimiter.giveBack(clientIp, LOGIN_FAIL_BUCKET);
        }
    }

    /**
     * The account of this name, read with a write lock that this sign-in holds until it commits: attempts on one
     * account take turns, and each sees the failures counted before it. The name is looked up without a lock first,
     * as a locking read of a name that does not exist would lock a gap of the index where new accounts are inserted.
     */
    private Optional<AdminUser> lockedByName(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT u.id FROM AdminUser u WHERE u.username = :name", Long.class)
                .setParameter("name", username.trim()).getResultStream().findFirst()
                .map(id -> em.find(AdminUser.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private Optional<AdminUser> byName(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createQuery("SELECT u FROM AdminUser u WHERE u.username = :name", AdminUser.class)
                .setParameter("name", username.trim()).getResultStream().findFirst();
    }

    static AdminPrincipal principal(AdminUser user) {
        return new AdminPrincipal(user.getUsername(), user.getRole(), "form", user.getId(), user.isMustChangePassword());
    }
}
