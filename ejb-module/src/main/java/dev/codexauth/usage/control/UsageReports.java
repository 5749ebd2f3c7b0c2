package dev.codexauth.usage.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads usage for the admin API (admin.md §2.7): the ingest browser (filtered, sorted and paged in SQL), one ingest
 * with its payload, the newest usage rows, and usage grouped by line. Reads only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UsageReports {

    private static final Map<String, String> INGEST_SORTS = Map.ofEntries(Map.entry("created_at", "i.created_at"),
            Map.entry("entries", "i.entries"), Map.entry("total", "i.total"), Map.entry("input", "i.input_tokens"),
            Map.entry("output", "i.output_tokens"), Map.entry("cached", "i.cached_tokens"), Map.entry("reasoning", "i.reasoning_tokens"),
            Map.entry("cost", "i.cost"), Map.entry("host", "h.fqdn"), Map.entry("client_ip", "i.client_ip"), Map.entry("id", "i.id"));
    private static final String INGEST_COLUMNS = "SELECT i.id, i.host_id, h.fqdn, i.entries, i.total, i.input_tokens, i.output_tokens,"
            + " i.cached_tokens, i.reasoning_tokens, i.cost, i.client_ip, i.created_at";
    private static final String INGEST_FROM = " FROM token_usage_ingests i LEFT JOIN hosts h ON h.id = i.host_id";

    /** Filters and order of the ingest browser; {@code sort} is one of the documented keys (others mean created_at). */
    public record IngestQuery(int page, int perPage, String search, Long hostId, String sort, boolean ascending) {
    }

    public record Ingest(long id, Long hostId, String fqdn, long entries, Long total, Long input, Long output, Long cached,
                         Long reasoning, BigDecimal cost, String clientIp, String createdAt) {
    }

    public record IngestPage(List<Ingest> items, long total, int page, int perPage, long pages, String currency) {
    }

    /** One ingest with the normalized entries it stored (admin only shows it on request: payloads can be large). */
    public record IngestDetail(long id, Long hostId, String fqdn, long entries, Long total, Long input, Long output, Long cached,
                               Long reasoning, BigDecimal cost, String clientIp, String createdAt, JsonValue payload) {
    }

    public record Usage(long id, Long hostId, String fqdn, Long total, Long input, Long output, Long cached, Long reasoning,
                        BigDecimal cost, Long ingestId, String model, String line, String createdAt) {
    }

    public record UsagePage(List<Usage> usages, int page, int limit) {
    }

    public record TokenLine(String line, long events, long total, long input, long output, long cached, long reasoning, BigDecimal cost) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public IngestPage ingests(IngestQuery query, String currency) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.hostId() != null) {
            parameters.add(query.hostId());
            where.append(" AND i.host_id = ?").append(parameters.size());
        }
        String search = query.search() == null ? "" : query.search().trim();
        if (!search.isEmpty()) {
            parameters.add("%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%");
            int like = parameters.size();
            where.append(" AND (LOWER(h.fqdn) LIKE ?").append(like).append(" OR LOWER(i.client_ip) LIKE ?").append(like);
            if (search.matches("\\d{1,18}")) {
                parameters.add(Long.parseLong(search));
                int id = parameters.size();
                where.append(" OR i.id = ?").append(id).append(" OR i.host_id = ?").append(id);
            }
            where.append(')');
        }
        String direction = query.ascending() ? " ASC" : " DESC";
        String order = " ORDER BY " + INGEST_SORTS.getOrDefault(query.sort(), "i.created_at") + direction + ", i.id" + direction;
        Query rows = bind(em.createNativeQuery(INGEST_COLUMNS + INGEST_FROM + where + order), parameters);
        Query count = bind(em.createNativeQuery("SELECT COUNT(*)" + INGEST_FROM + where), parameters);
        List<Ingest> items = new ArrayList<>();
        for (Object[] r : (List<Object[]>) rows.setFirstResult((query.page() - 1) * query.perPage()).setMaxResults(query.perPage())
                .getResultList()) {
            items.add(new Ingest(number(r[0]), nullable(r[1]), (String) r[2], number(r[3]), nullable(r[4]), nullable(r[5]),
                    nullable(r[6]), nullable(r[7]), nullable(r[8]), money(r[9]), (String) r[10], timestamp(r[11])));
        }
        long total = number(count.getSingleResult());
        long pages = (total + query.perPage() - 1) / query.perPage();
        return new IngestPage(items, total, query.page(), query.perPage(), pages, currency);
    }

    @SuppressWarnings("unchecked")
    public Optional<IngestDetail> ingest(long id) {
        List<Object[]> rows = em.createNativeQuery(INGEST_COLUMNS + ", i.payload" + INGEST_FROM + " WHERE i.id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new IngestDetail(number(r[0]), nullable(r[1]), (String) r[2], number(r[3]),
                nullable(r[4]), nullable(r[5]), nullable(r[6]), nullable(r[7]), nullable(r[8]), money(r[9]), (String) r[10],
                timestamp(r[11]), json((String) r[12])));
    }

    /** The newest usage rows first, optionally of one host. */
    @SuppressWarnings("unchecked")
    public UsagePage usages(Long hostId, int page, int limit) {
        Query query = em.createNativeQuery("SELECT u.id, u.host_id, h.fqdn, u.total, u.input_tokens, u.output_tokens, u.cached_tokens,"
                + " u.reasoning_tokens, u.cost, u.ingest_id, u.model, u.line, u.created_at FROM token_usages u"
                + " LEFT JOIN hosts h ON h.id = u.host_id" + (hostId == null ? "" : " WHERE u.host_id = ?1") + " ORDER BY u.id DESC");
        if (hostId != null) {
            query.setParameter(1, hostId);
        }
        List<Usage> usages = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.setFirstResult((page - 1) * limit).setMaxResults(limit).getResultList()) {
            usages.add(new Usage(number(r[0]), nullable(r[1]), (String) r[2], nullable(r[3]), nullable(r[4]), nullable(r[5]),
                    nullable(r[6]), nullable(r[7]), money(r[8]), nullable(r[9]), (String) r[10], (String) r[11], timestamp(r[12])));
        }
        return new UsagePage(usages, page, limit);
    }

    /** Usage grouped by its (non-empty) line, biggest first. */
    @SuppressWarnings("unchecked")
    public List<TokenLine> tokenLines(int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT line, COUNT(*), COALESCE(SUM(total), 0) AS t, COALESCE(SUM(input_tokens), 0) AS i,"
                + " COALESCE(SUM(output_tokens), 0) AS o, COALESCE(SUM(cached_tokens), 0) AS c, COALESCE(SUM(reasoning_tokens), 0),"
                + " COALESCE(SUM(cost), 0) FROM token_usages WHERE line IS NOT NULL AND line <> '' GROUP BY line"
                + " ORDER BY t DESC, i DESC, o DESC, c DESC").setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new TokenLine((String) r[0], number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                number(r[6]), Money.cost(r[7]))).toList();
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static JsonValue json(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.NULL;
        }
        try {
            return Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
        } catch (RuntimeException notJson) {
            return Jsonp.PROVIDER.createValue(text);
        }
    }

    /** A stored timestamp in the one output format; text no reader understands is shown as stored. */
    static String timestamp(Object stored) {
        String text = (String) stored;
        return Timestamps.parse(text).map(Timestamps::format).orElse(text);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long nullable(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static BigDecimal money(Object value) {
        return value == null ? null : Money.cost(value);
    }
}
