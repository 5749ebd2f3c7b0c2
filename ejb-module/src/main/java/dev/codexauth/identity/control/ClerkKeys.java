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

/**
 * The Clerk instance's signing keys: fetched once, kept, and fetched again when a token names a key id the cached
 * set lacks (Clerk rotated its keys) — but at most once per {@link #MIN_REFETCH}, so tokens with made-up key ids
 * cannot make this server hammer the JWKS endpoint.
 */
final class ClerkKeys implements JWKSource<SecurityContext> {

    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT = 512 * 1024;

    private final String location;
    private final long minRefetchNanos;
    private volatile JWKSet keys;
    private volatile long fetchedAtNanos;

    ClerkKeys(String location, Duration minRefetch) {
        this.location = location;
        this.minRefetchNanos = minRefetch.toNanos();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSet current = keys;
        if (current == null) {
            current = refetch(true);
        }
        List<JWK> found = selector.select(current);
        if (found.isEmpty()) {
            JWKSet fresh = refetch(false);
            if (fresh != current) {
                found = selector.select(fresh);
            }
        }
        return found;
    }

    private synchronized JWKSet refetch(boolean always) throws KeySourceException {
        boolean recent = keys != null && System.nanoTime() - fetchedAtNanos < minRefetchNanos;
        if (!always && recent || always && keys != null) {
            return keys;
        }
        try {
            keys = location.startsWith("file:") ? JWKSet.load(Path.of(URI.create(location)).toFile())
                    : JWKSet.load(new URL(location), TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
            fetchedAtNanos = System.nanoTime();
            return keys;
        } catch (IOException | ParseException | IllegalArgumentException failed) {
            fetchedAtNanos = System.nanoTime();
            if (keys != null) {
                return keys;
            }
            throw new KeySourceException("The Clerk JWKS could not be loaded from " + location + ": " + failed.getMessage(), failed);
        }
    }
}
