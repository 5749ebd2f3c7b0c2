package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.DatabaseConflict;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Events;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registering hosts and issuing their installers (admin.md §2.3). Unlike the original, re-registering keeps the
 * flags an admin did not send and rotates the key only when asked (default: yes, as before), and a separate
 * "new installer" keeps a live host's key.
 */
@Stateless
public class HostRegistry {

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    static final Duration PROVISIONING_WINDOW = Duration.ofMinutes(30);

    /** A registered host with its key in plaintext (shown once) and its installer. */
    public record Registered(Host host, String apiKey, InstallerTokens.Issued installer, boolean created, boolean rotated) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @EJB
    InstallerTokens installers;

    @EJB
    Events events;

    @EJB
    HostActivityTracker activity;

    @Inject
    Event<HostTurnover> turnover;

    public Registered register(Registration request, String baseUrl, String actor) {
        String fqdn = fqdn(request.fqdn());
        Optional<Host> existing = em.createQuery("SELECT h FROM Host h WHERE h.fqdn = :fqdn", Host.class)
                .setParameter("fqdn", fqdn).getResultStream().findFirst().flatMap(this::lockedAgain);
        Instant now = Instant.now();
        Host host;
        String key;
        boolean created = existing.isEmpty();
        boolean rotated;
        if (created) {
            host = new Host();
            host.setFqdn(fqdn);
            host.setStatus("active");
            host.setSecure(true);
            host.setCreatedAt(now);
            key = Hashes.randomHex(32);
            setKey(host, key);
            rotated = false;
        } else {
            host = existing.get();
            rotated = request.rotateKey() || host.getApiKeyEnc() == null;
            key = rotated ? Hashes.randomHex(32) : encryption.openText(host.getApiKeyEnc());
            if (rotated) {
                setKey(host, key);
            }
            if (!"active".equals(host.getStatus())) {
                host.setStatus("active");
                em.createNativeQuery("UPDATE host_activity SET pruned_at = NULL, prune_reason = NULL WHERE host_id = ?1")
                        .setParameter(1, host.getId()).executeUpdate();
            }
        }
        request.secure().ifPresent(host::setSecure);
        request.vip().ifPresent(host::setVip);
        request.curlInsecure().ifPresent(host::setCurlInsecure);
        request.forceIpv4().ifPresent(forced -> {
            if (forced != host.isForceIpv4()) {
                host.setIp(null);
            }
            host.setForceIpv4(forced);
        });
        request.temporary().ifPresent(temporary -> host.setExpiresAt(temporary ? now.plusSeconds(7200) : null));
        host.setUpdatedAt(now);
        try {
            if (created) {
                em.persist(host); // inserts at once: the id is the database's
            }
            em.flush();
        } catch (PersistenceException failure) {
            if (created && DatabaseConflict.duplicateKey(failure)) {
                // Another registration created this FQDN a moment ago: sent again, this one finds the host and updates it.
                throw DatabaseConflict.answer();
            }
            throw failure;
        }
        if (created) {
            turnover.fire(new HostTurnover(HostTurnover.Kind.REGISTERED, host.getId(), fqdn));
        }
        if (!host.isSecure() && (created || request.secure().orElse(true) == false)) {
            openProvisioningWindow(host, now);
        }
        events.record(host.getId(), "register", Events.details("fqdn", fqdn, "result", created ? "created" : rotated ? "rotated" : "updated",
                "actor", actor));
        InstallerTokens.Issued installer = created ? installers.issueFirst(host, key, baseUrl) : installers.issue(host, key, baseUrl);
        activity.forget(host.getId());
        return new Registered(host, key, installer, created, rotated);
    }

    /**
     * The host found by its FQDN, locked and read again; empty when a deletion under way removed it meanwhile, and then
     * it is registered anew. (Changed unlocked, its row's update found nothing and the registration failed.) The FQDN is
     * not looked up with a locking read: for a new FQDN that locks a gap of its index, where every concurrent
     * registration of a new host inserts. Locked by a query rather than {@code em.refresh(found, PESSIMISTIC_WRITE)}: on a
     * deleted row that throws {@code EntityNotFoundException}, which marks the transaction for rollback, and this one goes
     * on to create the host.
     */
    private Optional<Host> lockedAgain(Host found) {
        if (em.createNativeQuery("SELECT id FROM hosts WHERE id = ?1 FOR UPDATE").setParameter(1, found.getId()).getResultList().isEmpty()) {
            em.detach(found);
            return Optional.empty();
        }
        em.refresh(found);
        return Optional.of(found);
    }

    /** A fresh installer for a live host, optionally with a new key (then the running host stops working). */
    public Registered newInstaller(long hostId, boolean rotateKey, String baseUrl, String actor) {
        // Locked as it is found: a host deleted meanwhile is then not found (404), not lost while its link is issued.
        Host host = findForUpdate(hostId);
        boolean rotate = rotateKey || host.getApiKeyEnc() == null;
        String key = rotate ? Hashes.randomHex(32) : encryption.openText(host.getApiKeyEnc());
        if (rotate) {
            setKey(host, key);
            host.setUpdatedAt(Instant.now());
            events.record(host.getId(), "register", Events.details("fqdn", host.getFqdn(), "result", "rotated", "actor", actor));
        }
        return new Registered(host, key, installers.issue(host, key, baseUrl), false, rotate);
    }

    public Host find(long id) {
        return found(em.find(Host.class, id));
    }

    /** The host with its row locked until the transaction ends, as a change that writes its dependents needs it first. */
    public Host findForUpdate(long id) {
        return found(em.find(Host.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static Host found(Host host) {
        if (host == null) {
            throw new ApiException(404, "host_not_found", "Host not found");
        }
        return host;
    }

    private void openProvisioningWindow(Host host, Instant now) {
        host.setInsecureEnabledUntil(dev.codexauth.ops.control.Timestamps.toUtcDateTime(now.plus(PROVISIONING_WINDOW)));
        host.setInsecureWindowMinutes(InsecureWindow.DEFAULT_MINUTES);
        host.setInsecureGraceUntil(null);
        events.record(host.getId(), "auth.insecure.initial_window", Events.details("enabled_until",
                dev.codexauth.ops.control.Timestamps.format(host.getInsecureEnabledUntil()), "window_minutes", 10));
    }

    private void setKey(Host host, String key) {
        String hash = Hashes.sha256Hex(key);
        host.setApiKey(hash);
        host.setApiKeyHash(hash);
        host.setApiKeyEnc(encryption.seal(key));
    }

    /** RFC 1123 host name, at most 253 characters, lower-cased. */
    public static String fqdn(String value) {
        String fqdn = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (fqdn.isEmpty()) {
            throw ValidationFailed.of("fqdn", "fqdn is required");
        }
        if (fqdn.length() > 253) {
            throw ValidationFailed.of("fqdn", "fqdn must be at most 253 characters");
        }
        for (String label : fqdn.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw ValidationFailed.of("fqdn", "fqdn must be a host name (letters, digits and hyphens in dot-separated labels)");
            }
        }
        return fqdn;
    }
}
