package dev.codexauth.security.control;

import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Fixed-window hit counters per client IP and bucket in table {@code ip_rate_limits}, counted by one atomic upsert
 * so that every node on the database shares them (the original read, then wrote). A hit beyond the limit is
 * blocked and still counted; with a block time every blocked hit pushes the end of the block further.
 */
@Stateless
public class RateLimiter {

    /** The counter after a hit. */
    public record Outcome(String bucket, int limit, int count, Instant resetAt) {
        public boolean blocked() {
            return count > limit;
        }

        /** Seconds until the counter resets, at least 1: the value of {@code Retry-After}. */
        public long retryAfterSeconds() {
            return Math.max(1, (long) Math.ceil((resetAt.toEpochMilli() - System.currentTimeMillis()) / 1000.0));
        }
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    /** Counts a hit in its own short transaction, whatever the caller's transaction does afterwards. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome hit(String ip, String bucket, int limit, long windowSeconds, long blockSeconds) {
        Instant now = Instant.now();
        String nowText = Timestamps.format(now);
        // MySQL and MariaDB evaluate these assignments left to right: reset_at already sees the new count.
        em.createNativeQuery("""
                INSERT INTO ip_rate_limits (ip, bucket, count, reset_at, last_hit, created_at)
                VALUES (?1, ?2, 1, ?3, ?4, ?4)
                ON DUPLICATE KEY UPDATE
                  count = IF(reset_at <= ?4, 1, count + 1),
                  reset_at = IF(count = 1, ?3, IF(?5 > 0 AND count > ?6, ?7, reset_at)),
                  last_hit = ?4""")
                .setParameter(1, ip)
                .setParameter(2, bucket)
                .setParameter(3, Timestamps.format(now.plusSeconds(windowSeconds)))
                .setParameter(4, nowText)
                .setParameter(5, blockSeconds)
                .setParameter(6, limit)
                .setParameter(7, Timestamps.format(now.plusSeconds(blockSeconds)))
                .executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT count, reset_at FROM ip_rate_limits WHERE ip = ?1 AND bucket = ?2")
                .setParameter(1, ip).setParameter(2, bucket).getSingleResult();
        return new Outcome(bucket, limit, ((Number) row[0]).intValue(), Timestamps.parse((String) row[1]).orElse(now));
    }

    /**
     * Takes back one hit of the current window (one that turned out not to count, such as a sign-in with the right
     * password), in one atomic update; a window that ended meanwhile is left alone.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveBack(String ip, String bucket) {
        em.createNativeQuery("UPDATE ip_rate_limits SET count = count - 1 WHERE ip = ?1 AND bucket = ?2 AND count > 0 AND reset_at > ?3")
                .setParameter(1, ip).setParameter(2, bucket).setParameter(3, Timestamps.format(Instant.now()))
                .executeUpdate();
    }

    /** Drops counters whose window or block ended more than an hour ago (the retention job calls this). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int pruneExpired() {
        return em.createNativeQuery("DELETE FROM ip_rate_limits WHERE reset_at < ?1")
                .setParameter(1, Timestamps.format(Instant.now().minusSeconds(3600)))
                .executeUpdate();
    }
}
