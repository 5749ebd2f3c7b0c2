package dev.codexauth.ops.control;

import dev.codexauth.http.JsonConfig;
import dev.codexauth.ops.entity.EventLog;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the event log (table {@code logs}) with the original's action names. Details are a JSON object; callers
 * pass token prefixes and digests, never secrets.
 */
@Stateless
public class Events {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Resource
    SessionContext context;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void record(Long hostId, String action, Map<String, ?> details) {
        EventLog row = new EventLog();
        row.setHostId(hostId);
        row.setAction(action);
        row.setDetails(details == null || details.isEmpty() ? null : JsonConfig.jsonb().toJson(details));
        row.setCreatedAt(Instant.now());
        em.persist(row);
    }

    /** Records in a transaction of its own (for events that do not reference a host row the caller may lock). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(Long hostId, String action, Map<String, ?> details) {
        record(hostId, action, details);
    }

    /**
     * Records in the caller's transaction and, should that roll back (a refusal that follows the event), once
     * more after the rollback, when the caller's locks on the host row are gone; a separate transaction during
     * the request would wait for them.
     */
    public void recordSurvivingRollback(Long hostId, String action, Map<String, ?> details) {
        record(hostId, action, details);
        Events self = context.getBusinessObject(Events.class);
        AfterTransaction.rolledBack(transactions, () -> self.recordIndependently(hostId, action, details));
    }

    /** A details map that keeps insertion order and accepts nulls ({@code Map.of} does neither). */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
