package dev.codexauth.usage.control;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads the stored ChatGPT quota snapshots for host answers; never calls upstream (a timer fetches them). The
 * summary is shared by every host and cached for a few seconds.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChatgptUsageView {

    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    @PersistenceContext(unitName = "central")
    EntityManager em;

    private volatile Cached cached;

    private record Cached(ChatgptUsageSnapshot latest, ChatgptUsageSnapshot baseline, long loadedAt) {
    }

    /** @return the summary, or null when no snapshot was ever taken */
    public ChatgptUsageSummary summary() {
        Cached current = cached;
        if (current == null || System.nanoTime() - current.loadedAt() > CACHE_NANOS) {
            current = load();
            cached = current;
        }
        return current.latest() == null ? null : summarise(current.latest(), current.baseline(), Instant.now());
    }

    public void invalidate() {
        cached = null;
    }

    private Cached load() {
        List<ChatgptUsageSnapshot> latest = em.createQuery(
                "SELECT s FROM ChatgptUsageSnapshot s ORDER BY s.fetchedAt DESC, s.id DESC", ChatgptUsageSnapshot.class)
                .setMaxResults(1).getResultList();
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ChatgptUsageSnapshot> baseline = em.createQuery(
                "SELECT s FROM ChatgptUsageSnapshot s WHERE s.status = 'ok' AND s.fetchedAt >= :midnight"
                        + " AND s.secondaryUsedPercent IS NOT NULL ORDER BY s.fetchedAt ASC, s.id ASC", ChatgptUsageSnapshot.class)
                .setParameter("midnight", midnight).setMaxResults(1).getResultList();
        return new Cached(latest.isEmpty() ? null : latest.get(0), baseline.isEmpty() ? null : baseline.get(0), System.nanoTime());
    }

    static ChatgptUsageSummary summarise(ChatgptUsageSnapshot latest, ChatgptUsageSnapshot baseline, Instant now) {
        long elapsed = latest.getFetchedAt() == null ? 0 : Math.max(0, Duration.between(latest.getFetchedAt(), now).getSeconds());
        Integer daily = null;
        String baselineAt = null;
        if (baseline != null && latest.getSecondaryUsedPercent() != null) {
            daily = Math.max(0, latest.getSecondaryUsedPercent() - baseline.getSecondaryUsedPercent());
            baselineAt = Timestamps.format(baseline.getFetchedAt());
        }
        return new ChatgptUsageSummary(latest.getStatus(), latest.getPlanType(), latest.getRateAllowed(), latest.getRateLimitReached(),
                Timestamps.format(latest.getFetchedAt()), Timestamps.format(latest.getNextEligibleAt()),
                new ChatgptUsageSummary.Window(latest.getPrimaryUsedPercent(), latest.getPrimaryLimitSeconds(),
                        remaining(latest.getPrimaryResetAfterSeconds(), elapsed), latest.getPrimaryResetAt()),
                new ChatgptUsageSummary.Window(latest.getSecondaryUsedPercent(), latest.getSecondaryLimitSeconds(),
                        remaining(latest.getSecondaryResetAfterSeconds(), elapsed), latest.getSecondaryResetAt()),
                daily, baselineAt);
    }

    private static Long remaining(Long resetAfter, long elapsed) {
        return resetAfter == null ? null : Math.max(0, resetAfter - elapsed);
    }
}
