package dev.codexauth.auth.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostRows;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.HostBlock;
import dev.codexauth.host.control.HostActivityTracker;
import dev.codexauth.host.control.InsecureWindow;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.sync.control.FleetVersions;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.sync.control.Wrappers;
import dev.codexauth.usage.control.ChatgptUsageView;
import dev.codexauth.usage.control.MonthUsage;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /auth}: the host retrieves the canonical auth.json or offers its own (host-api.md §5.10, §5.11).
 * The request is validated before anything is written, and a refused request leaves no trace but its event.
 */
@Stateless
public class AuthSync {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @Inject
    HostRows hosts;

    @EJB
    dev.codexauth.ops.control.Installation installation;

    @Inject
    TokenRules tokenRules;

    @EJB
    CanonicalStore canonicalStore;

    @EJB
    DigestHistory digests;

    @EJB
    HostSyncState syncState;

    @EJB
    InsecureWindow insecureWindow;

    @EJB
    HostActivityTracker activity;

    @EJB
    SettingsStore settings;

    @EJB
    FleetVersions versions;

    @EJB
    Wrappers wrappers;

    @EJB
    MonthUsage monthUsage;

    @EJB
    ChatgptUsageView chatgpt;

    @EJB
    Events events;

    @Inject
    dev.codexauth.ops.control.EventBuffer eventBuffer;

    @EJB
    RunnerGate runnerGate;

    @Inject
    dev.codexauth.host.control.HostCallCounter calls;

    /**
     * Authenticates the host, then reads and validates the request, then answers it; all in one transaction. A
     * retrieve that changes nothing writes nothing in it: the call count and the event row are written in batches.
     *
     * @param origin how the request reached the server, for the base URL baked into the host's wrapper
     * @param query reads a query parameter of the request
     */
    public AuthAnswer exchange(HostCredentials credentials, RequestOrigin origin, JsonObject body,
            java.util.function.Function<String, String> query) {
        Host host = authenticator.authenticate(credentials, false);
        AuthRequest request = AuthRequest.parse(body, query, tokenRules.minLength(), installation.id());
        insecureWindow.enterAndSlide(host, request.store() ? "store" : "retrieve");
        if (request.clientVersion() != null) {
            host.setClientVersion(request.clientVersion());
        }
        if (request.wrapperVersion() != null) {
            host.setWrapperVersion(request.wrapperVersion());
        }
        long apiCalls = calls.count(host);
        Optional<StoredCanonical> canonical = canonicalStore.current();
        canonical.ifPresent(c -> digests.add(host.getId(), c.digest()));
        AuthOutcome outcome = request.store() ? store(host, request, canonical.orElse(null))
                : retrieve(host, request, canonical.orElse(null));
        return answer(host, apiCalls, outcome, request.localFile(),
                wrappers.forHost(host, versions.forHost(host), credentials.key(), origin));
    }

    private AuthOutcome retrieve(Host host, AuthRequest request, StoredCanonical canonical) {
        AuthOutcome outcome;
        if (canonical == null) {
            outcome = new AuthOutcome("missing", true, null, null, null, null);
        } else if (request.digest().equals(canonical.digest())) {
            syncState.syncedTo(host, canonical);
            outcome = AuthOutcome.of("valid", canonical);
        } else if (LastRefresh.compare(request.lastRefresh(), canonical.lastRefresh()) >= 0) {
            syncState.reported(host, request.lastRefresh(), request.digest());
            outcome = new AuthOutcome("upload_required", true, null, canonical, null, null);
        } else {
            syncState.syncedTo(host, canonical);
            outcome = new AuthOutcome("outdated", false, canonical.canonical().document(), canonical, null, null);
        }
        eventBuffer.record(host.getId(), "auth.retrieve", retrieveDetails(outcome.status(), request, canonical));
        return outcome;
    }

    private AuthOutcome store(Host host, AuthRequest request, StoredCanonical current) {
        Canonical upload = request.upload();
        digests.add(host.getId(), upload.digest());
        AuthOutcome outcome;
        if (wouldUpdate(upload, current)) {
            RunnerGate.Verdict verdict = runnerGate.preStore(upload, host.getId());
            Canonical accepted = verdict.replacement().orElse(upload);
            StoredCanonical stored = canonicalStore.save(accepted, host.getId());
            syncState.syncedTo(host, stored);
            outcome = new AuthOutcome("updated", false, stored.canonical().document(), stored, verdict.applied(), verdict.validation());
        } else if (LastRefresh.compare(upload.lastRefresh(), current.lastRefresh()) == 0) {
            syncState.syncedTo(host, current);
            outcome = new AuthOutcome("unchanged", false, null, current, false, null);
            runnerGate.checkLater(host.getId());
        } else {
            syncState.syncedTo(host, current);
            outcome = new AuthOutcome("outdated", false, current.canonical().document(), current, false, null);
            runnerGate.checkLater(host.getId());
        }
        events.record(host.getId(), "auth.store", Events.details("status", outcome.status(),
                "incoming_last_refresh", upload.lastRefresh(), "incoming_digest", upload.digest(),
                "stored_last_refresh", outcome.canonical() == null ? null : outcome.canonical().lastRefresh(),
                "stored_digest", outcome.canonical() == null ? null : outcome.canonical().digest(),
                "client_version", request.clientVersion()));
        return outcome;
    }

    /** No canonical yet, a later {@code last_refresh}, or the same time with other content (one rule for all sources). */
    static boolean wouldUpdate(Canonical upload, StoredCanonical current) {
        if (current == null) {
            return true;
        }
        int order = LastRefresh.compare(upload.lastRefresh(), current.lastRefresh());
        return order > 0 || (order == 0 && !upload.digest().equals(current.digest()));
    }

    private AuthAnswer answer(Host host, long apiCalls, AuthOutcome outcome, LocalAuthFile localFile, VersionsBlock hostVersions) {
        return AuthAnswer.of(outcome, HostBlock.of(host, apiCalls), localFile, hostVersions, settings.current(),
                monthUsage.forHost(host.getId()), chatgpt.summary());
    }

    static Map<String, Object> retrieveDetails(String status, AuthRequest request, StoredCanonical canonical) {
        return Events.details("status", status, "incoming_last_refresh", request.lastRefresh(), "incoming_digest", request.digest(),
                "stored_last_refresh", canonical == null ? null : canonical.lastRefresh(),
                "stored_digest", canonical == null ? null : canonical.digest());
    }

    /**
     * Everything {@link InSyncRetrieve} needs to answer this key's retrieves from memory, read without a transaction
     * and without writing; empty for an unknown key or an unservable canonical (the full path answers those).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SteadyHost> steadyHost(String presentedKey, RequestOrigin origin) {
        Optional<Host> found = hosts.byKey(presentedKey);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Host host = found.get();
        StoredCanonical canonical;
        try {
            canonical = canonicalStore.current().orElse(null);
        } catch (CanonicalUnavailable unavailable) {
            return Optional.empty();
        }
        boolean settled = canonical != null && host.isSettled() && canonical.digest().equals(host.getAuthDigest())
                && canonical.lastRefresh().equals(host.getLastRefresh()) && digests.recorded(host.getId(), canonical.digest());
        Instant writesDueAt = settled ? min(syncState.rewriteDueAt(host.getId(), canonical.payloadId()), activity.rewriteDueAt(host.getId()))
                : Instant.EPOCH;
        return Optional.of(new SteadyHost(host, canonical, HostBlock.of(host), origin, writesDueAt, installation.id(),
                wrappers.forHost(host, versions.forHost(host), presentedKey, origin), settings.current(),
                monthUsage.forHost(host.getId()), chatgpt.summary()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
