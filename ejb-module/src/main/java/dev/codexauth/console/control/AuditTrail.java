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
        // A failed sign-in records the name the caller typed, which may be anything: every text fits its column.
        row.setActor(fit(actor.name(), 96));
        row.setAuthMethod(fit(actor.method(), 16));
        row.setClientIp(fit(actor.clientIp(), 64));
        row.setCertFingerprint(actor.certFingerprint());
        row.setRequestId(fit(actor.requestId(), 64));
        row.setAction(fit(action, 96));
        row.setTargetType(fit(targetType, 32));
        row.setTargetId(targetId == null ? null : fit(String.valueOf(targetId), 128));
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

    private static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
