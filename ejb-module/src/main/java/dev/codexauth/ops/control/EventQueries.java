package dev.codexauth.ops.control;

import dev.codexauth.http.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the event log for the admin API with every filter applied in SQL and paging (admin.md §2.10). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class EventQueries {

    /** Filters; null means "any". {@code system} selects rows without a host. */
    public record Filter(Long hostId, boolean system, String actionPrefix, Instant since, Instant until, String search) {
    }

    /** One event with its details as JSON (the original sent a JSON-encoded string). */
    public record Event(long id, Long hostId, String hostFqdn, String action, JsonValue details, String createdAt) {
    }

    public record Page(List<Event> logs, long total, int page, int limit) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public Page find(Filter filter, int page, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.system()) {
            where.append(" AND l.host_id IS NULL");
        } else if (filter.hostId() != null) {
            where.append(" AND l.host_id = ?").append(parameters.size() + 1);
            parameters.add(filter.hostId());
        }
        if (filter.actionPrefix() != null && !filter.actionPrefix().isBlank()) {
            where.append(" AND l.action LIKE ?").append(parameters.size() + 1);
            parameters.add(like(filter.actionPrefix(), false));
        }
        if (filter.since() != null) {
            where.append(" AND l.created_at >= ?").append(parameters.size() + 1);
            parameters.add(Timestamps.format(filter.since()));
        }
        if (filter.until() != null) {
            where.append(" AND l.created_at <= ?").append(parameters.size() + 1);
            parameters.add(Timestamps.format(filter.until()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            int n = parameters.size() + 1;
            where.append(" AND (LOWER(l.action) LIKE ?").append(n).append(" OR LOWER(h.fqdn) LIKE ?").append(n)
                    .append(" OR LOWER(l.details) LIKE ?").append(n).append(')');
            parameters.add(like(filter.search().toLowerCase(Locale.ROOT), true));
        }
        String from = " FROM logs l LEFT JOIN hosts h ON h.id = l.host_id";
        Query rows = em.createNativeQuery("SELECT l.id, l.host_id, h.fqdn, l.action, l.details, l.created_at" + from + where
                + " ORDER BY l.id DESC");
        Query count = em.createNativeQuery("SELECT COUNT(*)" + from + where);
        for (int i = 0; i < parameters.size(); i++) {
            rows.setParameter(i + 1, parameters.get(i));
            count.setParameter(i + 1, parameters.get(i));
        }
        List<Event> events = new ArrayList<>();
        for (Object[] r : (List<Object[]>) rows.setFirstResult((page - 1) * limit).setMaxResults(limit).getResultList()) {
            events.add(new Event(((Number) r[0]).longValue(), r[1] == null ? null : ((Number) r[1]).longValue(), (String) r[2],
                    (String) r[3], details((String) r[4]), (String) r[5]));
        }
        return new Page(events, ((Number) count.getSingleResult()).longValue(), page, limit);
    }

    private static JsonValue details(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
        } catch (RuntimeException notJson) {
            return Jsonp.PROVIDER.createValue(text);
        }
    }

    private static String like(String text, boolean anywhere) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return (anywhere ? "%" : "") + escaped + "%";
    }
}
