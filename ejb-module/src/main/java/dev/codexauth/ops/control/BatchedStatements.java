package dev.codexauth.ops.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;

/**
 * Runs one bounded statement ({@code DELETE ... LIMIT n}, {@code UPDATE ... LIMIT n}) in a transaction of its own,
 * so that long clean-ups hold their row locks only for one small batch at a time.
 */
@Stateless
public class BatchedStatements {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    /** @return the number of rows the statement changed */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int execute(String sql, Object... parameters) {
        Query statement = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setParameter(i + 1, parameters[i]);
        }
        return statement.executeUpdate();
    }

    /** {@code sql} once for each id ({@link RowsById}), in a transaction of its own; @return the number of rows changed */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int executeForEach(String sql, List<?> ids) {
        return RowsById.each(em, sql, ids);
    }
}
