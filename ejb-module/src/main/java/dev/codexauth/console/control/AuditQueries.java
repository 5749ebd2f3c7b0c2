package dev.codexauth.console.control;

import dev.codexauth.console.entity.AdminAudit;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the admin audit trail with its filters in SQL (admin.md §2.11 GET /admin/api/audit). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditQueries {

    /** Filters; null means "any". */
    public record Filter(String actor, String action, String targetType, String targetId, String result, Instant since, Instant until) {
    }

    public record Page(List<AdminAudit> entries, long total, int page, int perPage) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public Page find(Filter filter, int page, int perPage) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        condition(where, parameters, "a.actor = :actor", "actor", filter.actor());
        condition(where, parameters, "a.action LIKE :action", "action", filter.action() == null ? null : filter.action() + "%");
        condition(where, parameters, "a.targetType = :targetType", "targetType", filter.targetType());
        condition(where, parameters, "a.targetId = :targetId", "targetId", filter.targetId());
        condition(where, parameters, "a.result = :result", "result", filter.result());
        condition(where, parameters, "a.at >= :since", "since", filter.since());
        condition(where, parameters, "a.at <= :until", "until", filter.until());
        TypedQuery<AdminAudit> rows = em.createQuery("SELECT a FROM AdminAudit a" + where + " ORDER BY a.id DESC", AdminAudit.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AdminAudit a" + where, Long.class);
        parameters.forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        return new Page(rows.setFirstResult((page - 1) * perPage).setMaxResults(perPage).getResultList(), count.getSingleResult(), page,
                perPage);
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String clause, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" AND ").append(clause);
            parameters.put(name, value);
        }
    }
}
