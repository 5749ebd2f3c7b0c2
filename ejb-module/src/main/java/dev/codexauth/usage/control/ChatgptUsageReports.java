package dev.codexauth.usage.control;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** ChatGPT quota snapshots as the admin API shows them (admin.md §2.8): without the upstream body. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChatgptUsageReports {

    private static final int MAX_POINTS = 20_000;

    public record Snapshot(long id, String status, String planType, Boolean rateAllowed, Boolean rateLimitReached,
                           Integer primaryUsedPercent, Long primaryLimitSeconds, Long primaryResetAfterSeconds, String primaryResetAt,
                           Integer secondaryUsedPercent, Long secondaryLimitSeconds, Long secondaryResetAfterSeconds,
                           String secondaryResetAt, Boolean hasCredits, Boolean unlimited, String creditBalance,
                           String approxLocalMessages, String approxCloudMessages, String error, String fetchedAt,
                           String nextEligibleAt, String createdAt) {

        public static Snapshot of(ChatgptUsageSnapshot s) {
            return new Snapshot(s.getId(), s.getStatus(), s.getPlanType(), s.getRateAllowed(), s.getRateLimitReached(),
                    s.getPrimaryUsedPercent(), s.getPrimaryLimitSeconds(), s.getPrimaryResetAfterSeconds(), s.getPrimaryResetAt(),
                    s.getSecondaryUsedPercent(), s.getSecondaryLimitSeconds(), s.getSecondaryResetAfterSeconds(), s.getSecondaryResetAt(),
                    s.getHasCredits(), s.getUnlimited(), s.getCreditBalance(), s.getApproxLocalMessages(), s.getApproxCloudMessages(),
                    s.getError(), Timestamps.format(s.getFetchedAt()), Timestamps.format(s.getNextEligibleAt()),
                    Timestamps.format(s.getCreatedAt()));
        }
    }

    /** {@code GET /admin/chatgpt/usage}: the snapshot, whether it was stored before the call, and the cooldown end. */
    public record Current(Snapshot snapshot, boolean cached, String nextEligibleAt) {

        public static Current of(ChatgptUsageSnapshot snapshot, boolean cached) {
            return snapshot == null ? new Current(null, cached, null)
                    : new Current(Snapshot.of(snapshot), cached, Timestamps.format(snapshot.getNextEligibleAt()));
        }
    }

    public record Point(String fetchedAt, Integer primaryUsedPercent, Integer secondaryUsedPercent, Long primaryLimitSeconds,
                        Long secondaryLimitSeconds) {
    }

    public record History(int days, String since, List<Point> points) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    /** Successful snapshots of the last {@code days} days, oldest first. */
    public History history(int days, Instant now) {
        Instant since = now.minus(Duration.ofDays(days));
        List<Point> points = em.createQuery("SELECT s FROM ChatgptUsageSnapshot s WHERE s.status = 'ok' AND s.fetchedAt >= :since"
                        + " ORDER BY s.fetchedAt, s.id", ChatgptUsageSnapshot.class)
                .setParameter("since", since).setMaxResults(MAX_POINTS).getResultList().stream()
                .map(s -> new Point(Timestamps.format(s.getFetchedAt()), s.getPrimaryUsedPercent(), s.getSecondaryUsedPercent(),
                        s.getPrimaryLimitSeconds(), s.getSecondaryLimitSeconds()))
                .toList();
        return new History(days, Timestamps.format(since), points);
    }
}
