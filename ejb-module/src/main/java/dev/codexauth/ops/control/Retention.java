package dev.codexauth.ops.control;

import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.security.control.RateLimiter;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the growing tables bounded (SPEC.md "Retention", schema.md §4): hourly, on one node, rows older than their
 * {@link RetentionPolicy} age are deleted in batches of their own short transactions, oldest first by the indexed
 * time column, so no table is locked for long; a pass stops after five minutes and the next one goes on. The latest
 * ChatGPT snapshot and the latest price of every model are always kept, as are rate-limit counters still running.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    static final Duration TIME_BUDGET = Duration.ofMinutes(5);

    /** Rows deleted per table, and whether everything due was deleted within the time budget. */
    public record Pass(Map<String, Long> deleted, boolean complete) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    ClusterLock lock;

    @EJB
    BatchedStatements statements;

    @EJB
    RateLimiter rateLimiter;

    @Inject
    RetentionPolicy policy;

    @Schedule(hour = "*", minute = "37", second = "0", persistent = false)
    public void hourly() {
        try {
            Pass pass = lock.runOncePer(Duration.ofHours(1), "retention", () -> prune(Instant.now()));
            if (pass != null && pass.deleted().values().stream().mapToLong(Long::longValue).sum() > 0) {
                LOG.info(() -> "Retention deleted " + pass.deleted() + (pass.complete() ? "" : "; more is due next hour"));
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Retention pass failed: " + e);
        }
    }

    /** Runs a pass now; null when another node is running one. */
    public Pass runNow() {
        return lock.runExclusively("retention", () -> prune(Instant.now()));
    }

    private Pass prune(Instant now) {
        RetentionPolicy.Days days = policy.days();
        Budget budget = new Budget(System.nanoTime() + TIME_BUDGET.toNanos(), policy.batchSize());
        Map<String, Long> deleted = new LinkedHashMap<>();
        // Usage rows before their ingests: deleting an ingest first would set ingest_id to NULL row by row.
        budget.delete(deleted, "token_usages", "created_at < ?1", text(now, days.usage()));
        budget.delete(deleted, "token_usage_ingests", "created_at < ?1", text(now, days.usage()));
        budget.delete(deleted, "logs", "created_at < ?1", text(now, days.logs()));
        budget.delete(deleted, "mcp_access_logs", "created_at < ?1", text(now, days.mcpLogs()));
        Number latestSnapshot = (Number) em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM chatgpt_usage_snapshots").getSingleResult();
        budget.delete(deleted, "chatgpt_usage_snapshots", "fetched_at < ?1 AND id <> ?2", text(now, days.chatgptSnapshots()),
                latestSnapshot.longValue());
        budget.delete(deleted, "pricing_snapshots", "fetched_at < ?1 AND id NOT IN"
                + " (SELECT keep FROM (SELECT MAX(id) AS keep FROM pricing_snapshots GROUP BY model) AS latest)", text(now, days.pricing()));
        budget.delete(deleted, "admin_audit", "at < ?1", timestamp(now, days.adminAudit()));
        budget.deleteListed(deleted, "mcp_memories", "SELECT memory_id FROM mcp_detached_memories WHERE detached_at < ?1",
                timestamp(now, days.detachedMemories()));
        String spentBefore = text(now, policy.installerTokenDays());
        budget.delete(deleted, "install_tokens", "(used_at IS NOT NULL AND used_at < ?1) OR (used_at IS NULL AND expires_at < ?1)",
                spentBefore);
        LocalDateTime signInsBefore = Timestamps.toUtcDateTime(now.minus(Duration.ofDays(policy.signInSessionDays())));
        budget.delete(deleted, "signin_sessions", "expires_at < ?1", signInsBefore);
        // An admin's provider sign-in holds a sealed PKCE verifier or device code: not kept once the flow is long over.
        budget.delete(deleted, "provider_flows", "expires_at < ?1", signInsBefore);
        LocalDateTime webhookEventsBefore = Timestamps.toUtcDateTime(now.minus(Duration.ofDays(policy.webhookEventDays())));
        budget.delete(deleted, "stripe_events", "received_at < ?1", webhookEventsBefore);
        budget.delete(deleted, "clerk_events", "received_at < ?1", webhookEventsBefore);
        deleted.put("ip_rate_limits", (long) rateLimiter.pruneExpired());
        return new Pass(deleted, budget.complete);
    }

    /** The cutoff as the text timestamp columns hold it; null when the data is kept forever. */
    private static String text(Instant now, int days) {
        return days == 0 ? null : Timestamps.format(now.minus(Duration.ofDays(days)));
    }

    /** The cutoff for a DATETIME column; null when the data is kept forever. */
    private static Timestamp timestamp(Instant now, int days) {
        return days == 0 ? null : Timestamp.from(now.minus(Duration.ofDays(days)));
    }

    private final class Budget {
        private final long deadlineNanos;
        private final int batchSize;
        private boolean complete = true;

        Budget(long deadlineNanos, int batchSize) {
            this.deadlineNanos = deadlineNanos;
            this.batchSize = batchSize;
        }

        /** Deletes batch after batch until no row is due or the time is up; a null cutoff skips the table. */
        void delete(Map<String, Long> deleted, String table, String condition, Object cutoff, Object... more) {
            Object[] parameters = new Object[1 + more.length];
            parameters[0] = cutoff;
            System.arraycopy(more, 0, parameters, 1, more.length);
            inBatches(deleted, table, cutoff, () -> {
                int batch = statements.execute("DELETE FROM " + table + " WHERE " + condition + " LIMIT " + batchSize, parameters);
                return new Batch(batch, batch);
            });
        }

        /**
         * Like {@link #delete}, for the rows whose ids another table lists as due: read first, then deleted one primary
         * key at a time ({@link RowsById}). MariaDB runs {@code DELETE ... WHERE id IN (SELECT ...)} as a scan of the
         * whole table that locks every row it reads, so each batch stalled every write to the table while it ran.
         */
        void deleteListed(Map<String, Long> deleted, String table, String dueIds, Object cutoff) {
            inBatches(deleted, table, cutoff, () -> {
                List<?> ids = em.createNativeQuery(dueIds + " LIMIT " + batchSize).setParameter(1, cutoff).getResultList();
                return new Batch(ids.size(), ids.isEmpty() ? 0 : statements.executeForEach("DELETE FROM " + table + " WHERE id = ?", ids));
            });
        }

        /** Runs batches until one finds fewer rows due than a full batch or the time is up; records the rows deleted. */
        private void inBatches(Map<String, Long> deleted, String table, Object cutoff, Supplier<Batch> next) {
            long total = 0;
            if (cutoff != null) {
                Batch batch;
                do {
                    if (System.nanoTime() > deadlineNanos) {
                        complete = false;
                        break;
                    }
                    batch = next.get();
                    total += batch.deleted();
                } while (batch.due() == batchSize);
            }
            deleted.put(table, total);
        }
    }

    /** One batch: the rows it found due and the rows it deleted. */
    private record Batch(int due, int deleted) {
    }
}
