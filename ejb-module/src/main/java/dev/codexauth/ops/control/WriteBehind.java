package dev.codexauth.ops.control;

import java.time.Duration;

/**
 * The timing of the writes that host requests leave to a batch ({@code api_calls} counts, event rows): every node
 * writes what it holds every {@link #FLUSH_INTERVAL}. A read of one host that waits {@link #settle()} first sees
 * every call and event acknowledged to that host before the read began, on any node, without the hot path writing
 * per request (read-your-writes for admins and scripts). Lists do not wait: they may lag by one interval.
 */
public final class WriteBehind {

    public static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
    /** One interval, and time for the batch statement itself. */
    static final Duration SETTLE = FLUSH_INTERVAL.plusMillis(150);

    private WriteBehind() {
    }

    public static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
