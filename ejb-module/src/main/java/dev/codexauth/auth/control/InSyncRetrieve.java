package dev.codexauth.auth.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.control.HostCallCounter;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fleet's most frequent call, a retrieve from a host that already holds the canonical auth.json, answered from
 * memory: no transaction, no query and no EJB call (those cost more than the rest of the request together). What
 * the answer needs is read once per host and {@code SETTINGS_CACHE_MILLIS} by {@link AuthSync#steadyHost}, so it
 * is as fresh as the settings snapshot every host request already relies on; the call is counted and its event
 * queued exactly as in the full path. Every request this does not answer (first contact, another IP, new versions,
 * a temporary or insecure host, another digest, a store, a bad request, an unknown key) takes the full path, which
 * also refuses in the original's order.
 */
@ApplicationScoped
public class InSyncRetrieve {

    private static final int MAX_HOSTS = 50_000;

    @EJB
    AuthSync sync;

    @Inject
    TokenRules tokenRules;

    @Inject
    HostCallCounter calls;

    @Inject
    EventBuffer events;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    private record Prepared(SteadyHost host, long atNanos) {
    }

    /** Keyed by the SHA-256 of the presented key, like the hosts table. */
    private final ConcurrentHashMap<String, Prepared> prepared = new ConcurrentHashMap<>();

    /** The answer, or empty when the request needs the full path ({@link AuthSync#exchange}). */
    public Optional<AuthAnswer> answer(HostCredentials credentials, RequestOrigin origin, JsonObject body,
            Function<String, String> query) {
        if (credentials.key() == null || credentials.key().isEmpty()) {
            return Optional.empty();
        }
        Optional<SteadyHost> steady = steadyHost(credentials.key(), origin);
        if (steady.isEmpty()) {
            return Optional.empty();
        }
        SteadyHost host = steady.get();
        AuthRequest request;
        try {
            request = AuthRequest.parse(body, query, tokenRules.minLength(), host.installationId());
        } catch (ApiException refused) {
            return Optional.empty();
        }
        if (!host.serves(request, credentials.clientIp(), origin, Instant.now())) {
            return Optional.empty();
        }
        long apiCalls = calls.count(host.host());
        events.record(host.host().getId(), "auth.retrieve", AuthSync.retrieveDetails("valid", request, host.canonical()));
        return Optional.of(host.answer(apiCalls, request.localFile()));
    }

    /**
     * A host, key or setting changed somewhere in the cluster: every host takes the full path once more. Only an
     * existing instance is told: one created by the event (during a deployment's start-up transaction) would miss its
     * {@code @EJB} injection, and there is nothing to drop before the first request anyway.
     */
    void onInvalidation(@Observes(notifyObserver = Reception.IF_EXISTS) CachesInvalidated invalidation) {
        prepared.clear();
    }

    private Optional<SteadyHost> steadyHost(String key, RequestOrigin origin) {
        String keyHash = Hashes.sha256Hex(key);
        long now = System.nanoTime();
        Prepared cached = prepared.get(keyHash);
        if (cached != null && now - cached.atNanos() < cacheMillis * 1_000_000L && cached.host().origin().equals(origin)) {
            return Optional.of(cached.host());
        }
        Optional<SteadyHost> fresh = sync.steadyHost(key, origin);
        fresh.ifPresent(host -> {
            if (prepared.size() >= MAX_HOSTS) {
                prepared.clear();
            }
            prepared.put(keyHash, new Prepared(host, now));
        });
        return fresh;
    }
}
