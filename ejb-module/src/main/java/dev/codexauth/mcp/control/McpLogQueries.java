package dev.codexauth.mcp.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/api/mcp/logs} (admin.md §2.10): MCP access log rows newest first, filtered in SQL and paged. */
@Stateless
public class McpLogQueries {

    /** The filters; null means any. */
    public record Filter(Long hostId, Boolean success, String method) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public Map<String, Object> find(Filter filter, int page, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.hostId() != null) {
            where.append(" AND l.host_id = ?").append(parameters.size() + 1);
            parameters.add(filter.hostId());
        }
        if (filter.success() != null) {
            where.append(" AND l.success = ?").append(parameters.size() + 1);
            parameters.add(filter.success());
        }
        if (filter.method() != null && !filter.method().isBlank()) {
            where.append(" AND l.method = ?").append(parameters.size() + 1);
            parameters.add(filter.method());
        }
        Query rows = em.createNativeQuery("SELECT l.id, l.host_id, h.fqdn, l.client_ip, l.method, l.name, l.success, l.error_code,"
                + " l.error_message, l.latency_ms, l.created_at FROM mcp_access_logs l LEFT JOIN hosts h ON h.id = l.host_id" + where
                + " ORDER BY l.id DESC LIMIT " + limit + " OFFSET " + (long) (page - 1) * limit);
        Query total = em.createNativeQuery("SELECT COUNT(*) FROM mcp_access_logs l" + where);
        for (int i = 0; i < parameters.size(); i++) {
            rows.setParameter(i + 1, parameters.get(i));
            total.setParameter(i + 1, parameters.get(i));
        }
        List<Map<String, Object>> logs = new ArrayList<>();
        for (Object result : rows.getResultList()) {
            Object[] r = (Object[]) result;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", ((Number) r[0]).longValue());
            row.put("host_id", r[1] == null ? null : ((Number) r[1]).longValue());
            row.put("host_fqdn", r[2]);
            row.put("client_ip", r[3]);
            row.put("method", r[4]);
            row.put("name", r[5]);
            row.put("success", r[6] instanceof Boolean b ? b : ((Number) r[6]).intValue() != 0);
            row.put("error_code", r[7] == null ? null : ((Number) r[7]).intValue());
            row.put("error_message", r[8]);
            row.put("latency_ms", r[9] == null ? null : ((Number) r[9]).intValue());
            row.put("created_at", r[10]);
            logs.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("logs", logs);
        answer.put("total", ((Number) total.getSingleResult()).longValue());
        answer.put("page", page);
        answer.put("limit", limit);
        return answer;
    }
}
