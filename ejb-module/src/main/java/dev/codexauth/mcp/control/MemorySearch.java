package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Memory search in SQL (spec/mcp.md §8): tags filter in the query itself (every requested tag, ignoring case, from
 * {@code mcp_memory_tags}), so no match is lost to over-fetching; a non-empty query is first a FULLTEXT
 * natural-language match ranked by score, and when that finds nothing (words shorter than the index's minimum,
 * stop words) a substring match on content and tags, newest first. An empty query lists the newest memories.
 * <p>
 * Reading the FULLTEXT index costs what the word's matches across the whole fleet cost, and each match is then fetched
 * to test its owner. For an owner with up to {@link #SCOPED_SEARCH_MAX_ROWS} memories the same score is computed on
 * the owner's rows alone, read by the owner's index: at 100,000 memories a host's search for a word in 1 of 8 of them
 * took 46 ms the first way and 5 ms this way, with the same rows in the same order (docs/mcp.md#performance).
 * <p>
 * The statements go to the pool's connections through JDBC, not through an entity manager: outside a transaction
 * each native query built a persistence context of its own and read its result's metadata again, about half of what
 * the statement cost the JVM in a Flight Recorder profile.
 */
final class MemorySearch {

    /**
     * One matching row, its owner a host, a workspace or the fleet ({@code scope}), with its host's name when searched
     * across hosts; a deleted host's memory ({@link DetachedMemories}) has no owner and carries the deleted host's name.
     */
    record Row(long recordId, String key, Long hostId, Long workspaceId, String host, String scope, String content, String metadata,
               String tags, String createdAt, String updatedAt, Double score) {

        /** The memory object of spec/mcp.md §2.2, with {@code workspace_id} and {@code scope} added. */
        JsonObject view() {
            JsonObjectBuilder memory = Jsonp.PROVIDER.createObjectBuilder().add("id", key).add("record_id", recordId)
                    .add("host_id", hostId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(hostId))
                    .add("workspace_id", workspaceId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(workspaceId))
                    .add("host", host == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(host))
                    .add("scope", scope).add("content", content);
            JsonObject meta = Memories.parseObject(metadata);
            memory.add("metadata", meta == null ? JsonValue.NULL : meta)
                    .add("tags", Jsonp.PROVIDER.createArrayBuilder(Memories.parseArray(tags)))
                    .add("created_at", createdAt).add("updated_at", updatedAt)
                    .add("score", score == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(score));
            return memory.build();
        }
    }

    /** The scope of a row of any owner; a searched owner's rows all have that owner's. */
    private static final String SCOPE_OF_ROW = "CASE WHEN m.workspace_id IS NOT NULL THEN 'workspace' WHEN m.host_id IS NULL"
            + " AND EXISTS (SELECT 1 FROM mcp_fleet_memories f WHERE f.memory_id = m.id) THEN 'fleet' ELSE 'host' END";

    /** Above this many memories of one owner the FULLTEXT index finds the rows (at 5,000 the owner's rows still took 28 ms to its 33). */
    static final int SCOPED_SEARCH_MAX_ROWS = 4_000;

    private final DataSource dataSource;

    private final boolean withHostNames;

    private final MemoryOwnerSizes sizes;

    /** @param withHostNames whether rows carry their host's name, or their deleted host's (admins), else null */
    MemorySearch(DataSource dataSource, boolean withHostNames, MemoryOwnerSizes sizes) {
        this.dataSource = dataSource;
        this.withHostNames = withHostNames;
        this.sizes = sizes;
    }

    /** @param owner whose memories are searched, null for every owner's */
    List<Row> find(MemoryOwner owner, String query, List<String> tags, int limit, int offset) {
        if (query.isEmpty()) {
            return run(owner, tags, null, "NULL", "", " ORDER BY m.updated_at DESC, m.id DESC", false, limit, offset);
        }
        String match = "MATCH(m.content, m.tags_text) AGAINST (? IN NATURAL LANGUAGE MODE)";
        boolean scoped = owner != null && !sizes.large(owner, () -> ownsMoreThan(owner, SCOPED_SEARCH_MAX_ROWS));
        String matching = scoped ? "" : " AND " + match;
        String matched = scoped ? " HAVING score > 0" : "";
        List<Row> ranked = run(owner, tags, query, match, matching, matched + " ORDER BY score DESC, m.updated_at DESC, m.id DESC",
                scoped, limit, offset);
        if (!ranked.isEmpty() || offset > 0 && !run(owner, tags, query, match, matching, matched + " ORDER BY m.id", scoped, 1, 0).isEmpty()) {
            return ranked;
        }
        return run(owner, tags, "%" + escapeLike(query) + "%", "NULL",
                " AND (m.content LIKE ? ESCAPE '!' OR m.tags_text LIKE ? ESCAPE '!')", " ORDER BY m.updated_at DESC, m.id DESC", false,
                limit, offset);
    }

    /** Whether the owner has more live memories than {@code rows}, reading at most that many entries of its index. */
    private boolean ownsMoreThan(MemoryOwner owner, int rows) {
        List<Object> parameters = new ArrayList<>();
        if (owner.hasId()) {
            parameters.add(owner.id());
        }
        parameters.add(rows);
        return !select("SELECT 1 FROM mcp_memories m WHERE " + owner.condition("?") + " AND m.deleted_at IS NULL LIMIT 1 OFFSET ?",
                parameters, row -> true).isEmpty();
    }

    /**
     * {@code score} and {@code condition} use {@code ?} for {@code q} only; {@code ordering} is the ORDER BY clause (a
     * HAVING before it); {@code ownerIndexOnly} keeps the FULLTEXT index from being the way rows are found.
     */
    private List<Row> run(MemoryOwner owner, List<String> tags, String q, String score, String condition, String ordering,
                          boolean ownerIndexOnly, int limit, int offset) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT m.id, m.memory_key, m.host_id, m.workspace_id, ")
                .append(withHostNames ? "COALESCE(h.fqdn, d.former_host_fqdn)" : "NULL")
                .append(", ").append(owner == null ? SCOPE_OF_ROW : "'" + owner.kind().scope + "'")
                .append(", m.content, m.metadata, m.tags, m.created_at, m.updated_at, ").append(score).append(" AS score");
        repeat(parameters, q, score);
        sql.append(" FROM mcp_memories m").append(ownerIndexOnly ? " IGNORE INDEX (idx_memories_search)" : "")
                .append(withHostNames ? " LEFT JOIN hosts h ON h.id = m.host_id"
                        + " LEFT JOIN mcp_detached_memories d ON d.memory_id = m.id" : "")
                .append(" WHERE m.deleted_at IS NULL");
        if (owner != null) {
            sql.append(" AND ").append(owner.condition("?"));
            if (owner.hasId()) {
                parameters.add(owner.id());
            }
        }
        for (String tag : tags) {
            sql.append(" AND EXISTS (SELECT 1 FROM mcp_memory_tags t WHERE t.memory_id = m.id AND t.tag = ?)");
            parameters.add(tag);
        }
        sql.append(condition).append(ordering).append(" LIMIT ? OFFSET ?");
        repeat(parameters, q, condition);
        parameters.add(limit);
        parameters.add(offset);
        return select(sql.toString(), parameters, row -> new Row(row.getLong(1), row.getString(2), id(row, 3), id(row, 4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), score(row)));
    }

    /** Reads one row of a result set. */
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> select(String sql, List<Object> parameters, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException unavailable) {
            throw new ApiException(503, "database_unavailable", "The memories could not be searched; try again shortly");
        }
    }

    private static Long id(ResultSet row, int column) throws SQLException {
        long id = row.getLong(column);
        return row.wasNull() ? null : id;
    }

    private static Double score(ResultSet row) throws SQLException {
        double score = row.getDouble(12);
        return row.wasNull() ? null : score;
    }

    private static void repeat(List<Object> parameters, String q, String fragment) {
        fragment.chars().filter(c -> c == '?').forEach(c -> parameters.add(q));
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
