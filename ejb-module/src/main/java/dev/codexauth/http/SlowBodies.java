package dev.codexauth.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request bodies still arriving while an application reads them. Each holds one of the container's HTTP threads
 * (its reads block) until its last byte, so one client sending bodies a byte at a time could hold them all: 300 such
 * connections to {@code /xo-auth/start} left {@code GET /versions} unanswered for 20 s and more. A client (the
 * connection's address) may have {@code perClient} bodies in that state at once in an application, each for at most
 * {@code timeoutNanos}. A body that is all there when it is read (the usual case: it comes with its headers) counts
 * for nothing.
 */
final class SlowBodies {

    private final int perClient;
    private final long timeoutNanos;
    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();

    SlowBodies(int perClient, long timeoutNanos) {
        this.perClient = perClient;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Takes one of the client's places, or refuses with 429 when it has them all.
     *
     * @return when the body must be in ({@link System#nanoTime()} time)
     */
    long claim(String client) throws BodyRefused {
        boolean[] claimed = new boolean[1];
        waiting.compute(client, (address, count) -> {
            int current = count == null ? 0 : count;
            claimed[0] = current < perClient;
            return claimed[0] ? current + 1 : current;
        });
        if (!claimed[0]) {
            throw new BodyRefused(new ApiException(429, "too_many_slow_bodies", "This client already has " + perClient
                    + " request bodies arriving slowly; send the body with the request", null, null,
                    Map.of("Connection", "close", "Retry-After", "5")));
        }
        return System.nanoTime() + timeoutNanos;
    }

    /** Refuses with 408 once a claimed body's {@code deadline} has passed. */
    void requireBefore(long deadline) throws BodyRefused {
        if (System.nanoTime() - deadline > 0) {
            throw new BodyRefused(new ApiException(408, "body_timeout", "The request body did not arrive within "
                    + timeoutNanos / 1_000_000_000L + " s", null, null, Map.of("Connection", "close")));
        }
    }

    void release(String client) {
        waiting.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }
}
