package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stores a memory under a new key, with plain JDBC on the caller's connection (and so in its transaction): one upsert
 * that writes the whole row, then the tags in one batch. Claiming the key with an upsert takes the row's exclusive
 * lock at once (see {@link Memories#store}); when the owner already has the key, or another store of it got there
 * first, the upsert changes nothing and returns no generated id, and the caller updates that row instead.
 * <p>
 * A fleet memory has no owner column for a unique key to guard: its key is claimed in {@code mcp_fleet_memories}
 * the same way, after the row is written, and a store that loses that race removes its row again.
 */
final class NewMemoryRow {

    /** MySQL and MariaDB's error for a foreign key whose parent row is missing. */
    private static final int NO_REFERENCED_ROW = 1452;

    /** The stored text columns of a memory, as both this insert and the answer's view use them. */
    record Columns(String content, String metadata, String tags, String tagsText) {
    }

    private NewMemoryRow() {
    }

    /** @return the new row's id, empty when the owner already had the key */
    static OptionalLong insert(Connection connection, MemoryOwner owner, String key, Columns columns, List<String> tags, String at)
            throws SQLException {
        boolean fleet = owner.kind() == MemoryOwner.Kind.FLEET;
        if (fleet && fleetMemory(connection, key, false).isPresent()) {
            return OptionalLong.empty();
        }
        OptionalLong inserted = insertRow(connection, owner, key, columns, at);
        if (inserted.isEmpty()) {
            return inserted;
        }
        long id = inserted.getAsLong();
        if (fleet && !claimFleetKey(connection, id, key)) {
            return OptionalLong.empty();
        }
        if (!tags.isEmpty()) {
            // Tags are told apart ignoring case only; the column's collation also ignores accents ("cafe", "café").
            try (PreparedStatement tag = connection.prepareStatement("INSERT INTO mcp_memory_tags (memory_id, tag) VALUES (?, ?)"
                    + " ON DUPLICATE KEY UPDATE tag = tag")) {
                for (String name : tags) {
                    tag.setLong(1, id);
                    tag.setString(2, name);
                    tag.addBatch();
                }
                tag.executeBatch();
            }
        }
        return inserted;
    }

    /** The id of the fleet memory with this key; {@code locking} reads the newest committed row and locks it. */
    static OptionalLong fleetMemory(Connection connection, String key, boolean locking) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT memory_id FROM mcp_fleet_memories WHERE memory_key = ?"
                + (locking ? " FOR UPDATE" : ""))) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static OptionalLong insertRow(Connection connection, MemoryOwner owner, String key, Columns columns, String at)
            throws SQLException {
        String ownerColumn = owner.hasId() ? owner.kind().column + ", " : "";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mcp_memories (" + ownerColumn
                + "memory_key, content, metadata, tags, tags_text, created_at, updated_at) VALUES (" + (owner.hasId() ? "?, " : "")
                + "?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id", Statement.RETURN_GENERATED_KEYS)) {
            int next = 1;
            if (owner.hasId()) {
                insert.setLong(next++, owner.id());
            }
            insert.setString(next++, key);
            insert.setString(next++, columns.content());
            insert.setString(next++, columns.metadata());
            insert.setString(next++, columns.tags());
            insert.setString(next++, columns.tagsText());
            insert.setString(next++, at);
            insert.setString(next, at);
            try {
                insert.executeUpdate();
            } catch (SQLIntegrityConstraintViolationException ownerGone) {
                if (ownerGone.getErrorCode() != NO_REFERENCED_ROW) {
                    throw ownerGone;
                }
                // Deleted after this request was authenticated (the deletion held the owner's row, this insert waited):
                // the same answer the request would have had a moment later.
                throw owner.kind() == MemoryOwner.Kind.HOST
                        ? new ApiException(401, "invalid_api_key", "Invalid API key: the host was deleted while this request ran")
                        : new ApiException(401, "invalid_token", "Invalid token: its workspace was deleted while this request ran");
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? OptionalLong.of(keys.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Lists the new row as the fleet's memory under its key; false (and the row removed) when another store has the key. */
    private static boolean claimFleetKey(Connection connection, long id, String key) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement("INSERT INTO mcp_fleet_memories (memory_id, memory_key) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE memory_id = memory_id")) {
            claim.setLong(1, id);
            claim.setString(2, key);
            claim.executeUpdate();
        }
        if (fleetMemory(connection, key, true).orElseThrow() == id) {
            return true;
        }
        try (PreparedStatement remove = connection.prepareStatement("DELETE FROM mcp_memories WHERE id = ?")) {
            remove.setLong(1, id);
            remove.executeUpdate();
        }
        return false;
    }
}
