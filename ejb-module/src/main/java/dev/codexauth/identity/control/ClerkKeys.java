package dev.codexauth.identity.control;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The Clerk instance's signing keys: fetched at first use, kept, and fetched again when a token names a key id the
 * cached set lacks (Clerk rotated its keys) or the set is older than its maximum age (so a key Clerk removed is not
 * trusted for long; while the fetch fails, the old set serves). Whatever asks for a fetch — a cold cache, a failed
 * fetch, an unknown key id, age — the JWKS is fetched at most once per {@link #MIN_REFETCH}, so neither made-up key
 * ids nor an unreachable Clerk make every request fetch it. One request fetches at a time; the others use the keys
 * held, or are refused at once while there are none, except during the very first fetch: requests arriving then wait
 * up to {@link #FIRST_FETCH_WAIT} for it, so the first people after a start are not refused while Clerk answers in
 * milliseconds. Only that fetch: were Clerk down, later attempts would otherwise hold a thread per request each time.
 */
final class ClerkKeys implements JWKSource<SecurityContext> {

    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    static final Duration FIRST_FETCH_WAIT = Duration.ofSeconds(2);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private final String location;
    private final long minRefetchNanos;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Fetched last;

    /** The latest fetch: when it ran, the keys held and when they were loaded (earlier, when it failed), why it failed. */
    private record Fetched(long attemptedAtNanos, JWKSet keys, long loadedAtNanos, String failure) {
    }

    ClerkKeys(String location, Duration minRefetch, Duration maxAge, LongSupplier nanoClock) {
        this.location = location;
        this.minRefetchNanos = minRefetch.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet current = keys(false);
        List<JWK> found = selector.select(current);
        if (found.isEmpty()) {
            JWKSet fresh = keys(true);
            if (fresh != current) {
                found = selector.select(fresh);
            }
        }
        return found;
    }

    private JWKSet keys(boolean unknownKeyId) throws KeySourceException {
        Fetched seen = last;
        if (fetchDue(seen, unknownKeyId) && lock(seen)) {
            try {
                // Another request may have fetched between the read above and the lock.
                if (last == seen) {
                    last = fetch(seen);
                }
            } finally {
                fetching.unlock();
            }
        }
        return usable(last);
    }

    /** The fetch lock at once, or, when no fetch has ended yet, once the first one has (at most {@link #FIRST_FETCH_WAIT}). */
    private boolean lock(Fetched seen) {
        if (fetching.tryLock()) {
            return true;
        }
        if (seen != null) {
            return false;
        }
        try {
            return fetching.tryLock(FIRST_FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean fetchDue(Fetched seen, boolean unknownKeyId) {
        if (seen == null) {
            return true;
        }
        long now = nanoClock.getAsLong();
        boolean wanted = seen.keys() == null || unknownKeyId || now - seen.loadedAtNanos() >= maxAgeNanos;
        return wanted && now - seen.attemptedAtNanos() >= minRefetchNanos;
    }

    private Fetched fetch(Fetched previous) {
        try {
            JWKSet loaded = location.startsWith("file:") ? JWKSet.load(Path.of(URI.create(location)).toFile())
                    : JWKSet.load(new URL(location), TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
            long now = nanoClock.getAsLong();
            return new Fetched(now, loaded, now, null);
        } catch (IOException | ParseException | IllegalArgumentException failed) {
            String failure = "The Clerk JWKS could not be loaded from " + location + ": " + failed.getMessage();
            return previous == null ? new Fetched(nanoClock.getAsLong(), null, 0, failure)
                    : new Fetched(nanoClock.getAsLong(), previous.keys(), previous.loadedAtNanos(), failure);
        }
    }

    private static JWKSet usable(Fetched fetched) throws KeySourceException {
        if (fetched == null) {
            throw new KeySourceException("The Clerk JWKS is being fetched for the first time");
        }
        if (fetched.keys() == null) {
            throw new KeySourceException(fetched.failure());
        }
        return fetched.keys();
    }
}
