package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Events;
import dev.codexauth.security.control.Cidr;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.IpAddresses;
import dev.codexauth.security.control.RateLimiter;
import dev.codexauth.security.control.RateLimits;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates a host key and applies the host policy in the original's order (host-api.md §5.3): missing or
 * unknown key (counted by the auth-failure limiter), host status, IP binding on first contact, roaming, forced
 * re-bind, the runner bypass, then the sliding expiry of temporary hosts; and, on every route but deregistration,
 * the insecure host's window (the original checked it on {@code /auth} and {@code /mcp} only, so a closed host
 * could still fetch its baked wrapper and config, both holding its key). Keys are looked up only by the SHA-256
 * of what was presented, on a unique index; a stored hash is never accepted as a key.
 */
@Stateless
public class HostAuthenticator {

    private static final Logger LOG = Logger.getLogger(HostAuthenticator.class.getName());
    static final Duration TEMPORARY_HOST_SLIDE = Duration.ofSeconds(7200);

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    RateLimits rateLimits;

    @EJB
    Events events;

    @EJB
    HostActivityTracker activity;

    @EJB
    InsecureWindow insecureWindow;

    @Inject
    @ConfigProperty(name = "auth.runner.ip.bypass", defaultValue = "false")
    String runnerBypass;

    @Inject
    @ConfigProperty(name = "auth.runner.bypass.subnets")
    Optional<String> runnerSubnets;

    @Inject
    @ConfigProperty(name = "auth.runner.token")
    Optional<String> runnerToken;

    /**
     * Authenticates within the caller's transaction and returns the host, managed.
     *
     * @param lock whether to lock the host row until the transaction ends (calls that update the host's counters)
     */
    public Host authenticate(HostCredentials credentials, boolean lock) {
        Host host = identify(credentials, lock);
        insecureWindow.requireOpen(host, "request");
        return host;
    }

    /**
     * As {@link #authenticate} but without the insecure window: a host may always deregister itself
     * ({@code DELETE /auth}), which takes its key out of circulation.
     */
    public Host authenticateToLeave(HostCredentials credentials) {
        return identify(credentials, true);
    }

    private Host identify(HostCredentials credentials, boolean lock) {
        String presentedKey = credentials.key();
        String clientIp = credentials.clientIp();
        if (presentedKey == null || presentedKey.isEmpty()) {
            throw failure(clientIp, "missing_api_key", HostDenied.missingKey());
        }
        Host host = byKey(presentedKey, lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .orElseThrow(() -> failure(clientIp, "invalid_api_key", HostDenied.invalidKey()));
        if (!"active".equals(host.getStatus())) {
            throw HostDenied.disabled(host.getStatus());
        }
        Instant now = Instant.now();
        if (host.getExpiresAt() != null && host.getExpiresAt().isBefore(now)) {
            // Expired, and the pruning pass (once a minute) has not reached it yet: its answer after that pass, where
            // sliding the expiry would have given the lapsed host a new lease.
            throw HostDenied.disabled("pruned");
        }
        bindIp(host, clientIp, credentials.forceRebind(), credentials.runnerToken());
        if (host.getExpiresAt() != null) {
            host.setExpiresAt(now.plus(TEMPORARY_HOST_SLIDE));
            host.setUpdatedAt(now);
        }
        activity.seen(host.getId(), now);
        LOG.fine(() -> "ip authorization=ok host=" + host.getFqdn() + " ip=" + clientIp);
        return host;
    }

    private Optional<Host> byKey(String presentedKey, LockModeType lock) {
        return em.createQuery("SELECT h FROM Host h WHERE h.apiKeyHash = :hash", Host.class)
                .setParameter("hash", Hashes.sha256Hex(presentedKey)).setLockMode(lock).getResultList().stream().findFirst();
    }

    private void bindIp(Host host, String clientIp, boolean forceRebind, String runnerCredential) {
        if (IpAddresses.same(host.getIp(), clientIp)) {
            return;
        }
        // About to change the row: lock it first, so concurrent first contacts of one host queue instead of deadlocking
        // (their event rows take shared locks on the host row before the update would want an exclusive one).
        try {
            em.refresh(host, LockModeType.PESSIMISTIC_WRITE);
        } catch (EntityNotFoundException deletedMeanwhile) {
            // An admin deleted the host since its key was looked up: the answer a moment later.
            throw HostDenied.invalidKey();
        }
        String bound = host.getIp();
        if (bound == null || bound.isBlank()) {
            host.setIp(clientIp);
            host.setUpdatedAt(Instant.now());
            events.record(host.getId(), "auth.bind_ip", Events.details("ip", clientIp));
            return;
        }
        if (IpAddresses.same(bound, clientIp)) {
            return;
        }
        if (host.isAllowRoamingIps()) {
            rebind(host, "auth.roaming_ip", bound, clientIp);
            return;
        }
        if (forceRebind) {
            rebind(host, "auth.force_ip_override", bound, clientIp);
            return;
        }
        if (runnerMayBypass(clientIp, runnerCredential)) {
            events.record(host.getId(), "auth.runner_ip_bypass", Events.details("expected_ip", bound, "ip", clientIp));
            return;
        }
        LOG.log(Level.INFO, "ip authorization=denied host={0} ip={1} reason=ip_mismatch", new Object[] {host.getFqdn(), clientIp});
        throw HostDenied.wrongIp(bound, clientIp);
    }

    private void rebind(Host host, String action, String previous, String clientIp) {
        host.setIp(clientIp);
        host.setUpdatedAt(Instant.now());
        events.record(host.getId(), action, Events.details("previous_ip", previous, "ip", clientIp));
    }

    /**
     * The original let any key holder inside the runner subnets skip binding. Here the caller must also present the
     * runner's own credential ({@code AUTH_RUNNER_TOKEN}); without one configured the bypass is off.
     */
    private boolean runnerMayBypass(String clientIp, String runnerCredential) {
        if (!Boolean.parseBoolean(normalizeFlag(runnerBypass)) || runnerToken.filter(t -> !t.isBlank()).isEmpty()) {
            return false;
        }
        if (!Hashes.constantTimeEquals(runnerToken.get().trim(), runnerCredential)) {
            return false;
        }
        List<Cidr> subnets = Cidr.parseList(runnerSubnets.orElse(""), new ArrayList<>());
        return IpAddresses.parse(clientIp).map(ip -> subnets.stream().anyMatch(net -> net.contains(ip))).orElse(false);
    }

    private HostDenied failure(String clientIp, String reason, HostDenied denied) {
        if (!rateLimits.authFailEnabled()) {
            return denied;
        }
        RateLimiter.Outcome outcome = rateLimits.hitAuthFailure(clientIp);
        if (!outcome.blocked()) {
            return denied;
        }
        String resetAt = dev.codexauth.ops.control.Timestamps.format(outcome.resetAt());
        events.recordIndependently(null, "security.rate_limit", Events.details("bucket", outcome.bucket(), "ip", clientIp, "reason", reason,
                "reset_at", resetAt));
        return new HostDenied(429, "rate_limited", "Too many failed authentication attempts",
                Map.of("bucket", outcome.bucket(), "reset_at", resetAt),
                Map.of("Retry-After", String.valueOf(outcome.retryAfterSeconds())), null);
    }

    private static String normalizeFlag(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return String.valueOf(v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on"));
    }
}
