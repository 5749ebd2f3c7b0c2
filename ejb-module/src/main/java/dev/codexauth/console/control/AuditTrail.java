package dev.codexauth.console.control;

import dev.codexauth.console.entity.AdminAudit;
import dev.codexauth.http.JsonConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * The admin audit trail ({@code admin_audit}): written in the same transaction as the change it describes, so a
 * change without its audit row cannot exist. Secrets are passed in as digests or prefixes, never as values.
 */
@Stateless
public class AuditTrail {

    /** Where an admin action came from. */
    public record Actor(String name, String method, String clientIp, String certFingerprint, String requestId) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public void record(Actor actor, String action, String targetType, Object targetId, Object before, Object after, String result) {
        AdminAudit row = new AdminAudit();
        row.setAt(Instant.now());
        row.setActor(actor.name());
        row.setAuthMethod(actor.method());
        row.setClientIp(actor.clientIp());
        row.setCertFingerprint(actor.certFingerprint());
        row.setRequestId(actor.requestId());
        row.setAction(action);
        row.setTargetType(targetType);
        row.setTargetId(targetId == null ? null : String.valueOf(targetId));
        row.setBeforeState(before == null ? null : JsonConfig.jsonb().toJson(before));
        row.setAfterState(after == null ? null : JsonConfig.jsonb().toJson(after));
        row.setResult(result);
        em.persist(row);
    }

    /** For refusals and failed logins: recorded even though the request's own transaction rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(Actor actor, String action, String targetType, Object targetId, Object before, Object after,
                                    String result) {
        record(actor, action, targetType, targetId, before, after, result);
    }
}
