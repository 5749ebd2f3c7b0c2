package dev.codexauth.mcp.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Remembers for a minute whether an owner has more memories than {@link MemorySearch} scores on the owner's own rows.
 * The answer only picks how a search reads its rows, never which rows it returns (both ways give the same matches in
 * the same order), so a stale answer costs time at worst; re-counting on every search cost a query per call.
 */
@ApplicationScoped
public class MemoryOwnerSizes {

    private static final long RECHECK_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int MAX_OWNERS = 50_000;

    private record Checked(boolean large, long atNanos) {
    }

    private final ConcurrentHashMap<MemoryOwner, Checked> checked = new ConcurrentHashMap<>();

    /** Whether the owner is large, from {@code count} when not checked within the last minute. */
    boolean large(MemoryOwner owner, BooleanSupplier count) {
        long now = System.nanoTime();
        Checked known = checked.get(owner);
        if (known != null && now - known.atNanos() < RECHECK_NANOS) {
            return known.large();
        }
        boolean large = count.getAsBoolean();
        if (checked.size() >= MAX_OWNERS) {
            checked.clear();
        }
        checked.put(owner, new Checked(large, now));
        return large;
    }
}
