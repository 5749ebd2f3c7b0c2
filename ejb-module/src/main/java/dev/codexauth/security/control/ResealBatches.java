package dev.codexauth.security.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * One batch of a re-seal, in its own transaction with its progress row: the next rows of a sealed column after an id,
 * each rewritten under the active key when it was sealed with another key, in another format, or not at all. A row is
 * only replaced if it still holds the value that was read, so a write that happened meanwhile is never overwritten
 * with older data. Also the progress rows themselves ({@code reseal_progress}).
 */
@Stateless
public class ResealBatches {

    static final int BATCH = 200;

    /** Where the batch ended and what it did. */
    public record Batch(long lastId, int rewritten, int failed, boolean columnDone) {
    }

    /** One column's progress row. */
    public record ColumnProgress(String column, String activeKey, String state, String trigger, long lastId, long rewritten,
                                 long failed, Instant startedAt, Instant finishedAt) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch rewrite(SealedColumns.Column column, long afterId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + column.key() + ", " + column.column() + " FROM " + column.table()
                        + " WHERE " + column.key() + " > ?1 AND " + column.column() + " IS NOT NULL AND " + column.column()
                        + " <> '' ORDER BY " + column.key())
                .setParameter(1, afterId).setMaxResults(BATCH).getResultList();
        long lastId = afterId;
        int rewritten = 0;
        int failed = 0;
        for (Object[] row : rows) {
            lastId = ((Number) row[0]).longValue();
            String stored = (String) row[1];
            KeyRing.Opened opened;
            try {
                opened = encryption.open(stored);
            } catch (UndecryptableValueException e) {
                failed++;
                continue;
            }
            if (opened.stale()) {
                rewritten += em.createNativeQuery("UPDATE " + column.table() + " SET " + column.column() + " = ?1 WHERE "
                                + column.key() + " = ?2 AND " + column.column() + " = ?3")
                        .setParameter(1, encryption.seal(opened.plaintext())).setParameter(2, lastId).setParameter(3, stored)
                        .executeUpdate();
            }
        }
        boolean done = rows.size() < BATCH;
        em.createNativeQuery("UPDATE reseal_progress SET last_id = ?1, rewritten = rewritten + ?2, failed = failed + ?3,"
                        + " state = ?4, finished_at = ?5, updated_at = ?6 WHERE sealed_column = ?7")
                .setParameter(1, lastId).setParameter(2, rewritten).setParameter(3, failed).setParameter(4, done ? "done" : "running")
                .setParameter(5, done ? Timestamp.from(Instant.now()) : null).setParameter(6, Timestamp.from(Instant.now()))
                .setParameter(7, column.label()).executeUpdate();
        return new Batch(lastId, rewritten, failed, done);
    }

    /**
     * The progress of a run under {@code activeKey}: kept when that run is unfinished (it resumes), else every column
     * starts over from the first row.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<ColumnProgress> begin(String activeKey, String trigger) {
        List<ColumnProgress> stored = progress();
        boolean resume = !stored.isEmpty() && stored.stream().allMatch(p -> p.activeKey().equals(activeKey))
                && stored.stream().anyMatch(p -> "running".equals(p.state()));
        if (!resume) {
            em.createNativeQuery("DELETE FROM reseal_progress").executeUpdate();
            Timestamp now = Timestamp.from(Instant.now());
            for (SealedColumns.Column column : SealedColumns.ALL) {
                em.createNativeQuery("INSERT INTO reseal_progress (sealed_column, active_key, state, run_trigger, started_at,"
                                + " updated_at) VALUES (?1, ?2, 'running', ?3, ?4, ?4)")
                        .setParameter(1, column.label()).setParameter(2, activeKey).setParameter(3, trigger).setParameter(4, now)
                        .executeUpdate();
            }
        }
        return progress();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ColumnProgress> progress() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT sealed_column, active_key, state, run_trigger, last_id, rewritten, failed,"
                + " started_at, finished_at FROM reseal_progress ORDER BY sealed_column").getResultList();
        return rows.stream().map(r -> new ColumnProgress((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), instant(r[7]), instant(r[8])))
                .toList();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp timestamp ? timestamp.toInstant()
                : value instanceof java.time.LocalDateTime local ? local.toInstant(java.time.ZoneOffset.UTC) : null;
    }
}
