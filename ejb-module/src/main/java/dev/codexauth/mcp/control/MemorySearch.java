package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory search in SQL (spec/mcp.md §8): tags filter in the query itself (every requested tag, ignoring case, from
 * {@code mcp_memory_tags}), so no match is lost to over-fetching; a non-empty query is first a FULLTEXT
 * natural-language match ranked by score, and when that finds nothing (words shorter than the index's minimum,
 * stop words) a substring match on content and tags, newest first. An empty query lists the newest memories.
 */
final class MemorySearch {

    /** One matching row (its owner a host or a workspace), with its host's name when searched across hosts. */
    record Row(long recordId, String key, Long hostId, Long workspaceId, String host, String content, String metadata,
               String tags, String createdAt, String updatedAt, Double score) {

        JsonObject view() {
            return MemorySearch.view(recordId, key, hostId, workspaceId, host, content, metadata, tags, createdAt, updatedAt, score);
        }
    }

    private final EntityManager em;

    private final boolean withHostNames;

    /** @param withHostNames whether rows carry their host's name (admins), else null */
    MemorySearch(EntityManager em, boolean withHostNames) {
        this.em = em;
        this.withHostNames = withHostNames;
    }

    /** @param owner whose memories are searched, null for every owner's */
    List<Row> find(MemoryOwner owner, String query, List<String> tags, int limit, int offset) {
        if (query.isEmpty()) {
            return run(owner, tags, null, "NULL", "", "m.updated_at DESC, m.id DESC", limit, offset);
        }
        String match = "MATCH(m.content, m.tags_text) AGAINST (? IN NATURAL LANGUAGE MODE)";
        List<Row> ranked = run(owner, tags, query, match, " AND " + match, "score DESC, m.updated_at DESC, m.id DESC", limit, offset);
        if (!ranked.isEmpty() || offset > 0 && !run(owner, tags, query, "NULL", " AND " + match, "m.id", 1, 0).isEmpty()) {
            return ranked;
        }
        return run(owner, tags, "%" + escapeLike(query) + "%", "NULL",
                " AND (m.content LIKE ? ESCAPE '!' OR m.tags_text LIKE ? ESCAPE '!')", "m.updated_at DESC, m.id DESC", limit, offset);
    }

    /** {@code score} and {@code condition} use {@code ?} for {@code q} only. */
    private List<Row> run(MemoryOwner owner, List<String> tags, String q, String score, String condition, String order, int limit,
                          int offset) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT m.id, m.memory_key, m.host_id, m.workspace_id, ").append(withHostNames ? "h.fqdn" : "NULL")
                .append(", m.content, m.metadata, m.tags, m.created_at, m.updated_at, ").append(score).append(" AS score");
        repeat(parameters, q, score);
        sql.append(" FROM mcp_memories m").append(withHostNames ? " LEFT JOIN hosts h ON h.id = m.host_id" : "")
                .append(" WHERE m.deleted_at IS NULL");
        if (owner != null) {
            sql.append(" AND m.").append(owner.kind().column).append(" = ?");
            parameters.add(owner.id());
        }
        for (String tag : tags) {
            sql.append(" AND EXISTS (SELECT 1 FROM mcp_memory_tags t WHERE t.memory_id = m.id AND t.tag = ?)");
            parameters.add(tag);
        }
        sql.append(condition).append(" ORDER BY ").append(order).append(" LIMIT ? OFFSET ?");
        repeat(parameters, q, condition);
        parameters.add(limit);
        parameters.add(offset);
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : sql.toString().toCharArray()) {
            numbered.append(c);
            if (c == '?') {
                numbered.append(++next);
            }
        }
        Query query = em.createNativeQuery(numbered.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Row> rows = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] r = (Object[]) result;
            rows.add(new Row(((Number) r[0]).longValue(), (String) r[1], id(r[2]), id(r[3]), (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], (String) r[8], (String) r[9], r[10] == null ? null : ((Number) r[10]).doubleValue()));
        }
        return rows;
    }

    private static Long id(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }

    private static void repeat(List<Object> parameters, String q, String fragment) {
        fragment.chars().filter(c -> c == '?').forEach(c -> parameters.add(q));
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static JsonObject view(long recordId, String key, Long hostId, Long workspaceId, String host, String content,
                           String metadata, String tags, String createdAt, String updatedAt, Double score) {
        JsonObjectBuilder memory = Jsonp.PROVIDER.createObjectBuilder().add("id", key).add("record_id", recordId)
                .add("host_id", hostId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(hostId))
                .add("workspace_id", workspaceId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(workspaceId))
                .add("host", host == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(host))
                .add("content", content);
        JsonObject meta = Memories.parseObject(metadata);
        memory.add("metadata", meta == null ? JsonValue.NULL : meta)
                .add("tags", Jsonp.PROVIDER.createArrayBuilder(Memories.parseArray(tags)))
                .add("created_at", createdAt).add("updated_at", updatedAt)
                .add("score", score == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(score));
        return memory.build();
    }
}
