package dev.codexauth.ops.control;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.hibernate.Session;

/**
 * Changes rows named by primary key, one statement per row, in the caller's transaction. A single statement with
 * {@code WHERE id IN (...)} is not enough: when the list is a large share of a small table, MariaDB scans the whole
 * table instead and, under REPEATABLE READ, keeps a next-key lock on every row it read, so two clean-ups at once (or a
 * clean-up and a store whose new row it met) deadlocked. A primary key equality locks that one row only.
 */
public final class RowsById {

    private RowsById() {
    }

    /**
     * Runs {@code sql}, whose one parameter is a row's id, once for each id, as one JDBC batch.
     *
     * @return the number of rows changed
     */
    public static int each(EntityManager em, String sql, List<?> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object id : ids) {
                    statement.setLong(1, ((Number) id).longValue());
                    statement.addBatch();
                }
                int changed = 0;
                for (int count : statement.executeBatch()) {
                    changed += Math.max(count, 0);
                }
                return changed;
            }
        });
    }
}
