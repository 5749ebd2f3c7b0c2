package dev.codexauth.mcp.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stores a memory under a new key, with plain JDBC on the caller's connection (and so in its transaction): one upsert
 * that writes the whole row, then the tags in one batch. Claiming the key with an upsert takes the row's exclusive
 * lock at once (see {@link Memories#store}); when the owner already has the key, or another store of it got there
 * first, the upsert changes nothing and returns no generated id, and the caller updates that row instead.
 */
final class NewMemoryRow {

    /** The stored text columns of a memory, as both this insert and the answer's view use them. */
    record Columns(String content, String metadata, String tags, String tagsText) {
    }

    private NewMemoryRow() {
    }

    /** @return the new row's id, empty when the owner already had the key */
    static OptionalLong insert(Connection connection, MemoryOwner owner, String key, Columns columns, List<String> tags, String at)
            throws SQLException {
        long id;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mcp_memories (" + owner.kind().column
                + ", memory_key, content, metadata, tags, tags_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE id = id", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, owner.id());
            insert.setString(2, key);
            insert.setString(3, columns.content());
            insert.setString(4, columns.metadata());
            insert.setString(5, columns.tags());
            insert.setString(6, columns.tagsText());
            insert.setString(7, at);
            insert.setString(8, at);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    return OptionalLong.empty();
                }
                id = keys.getLong(1);
            }
        }
        if (!tags.isEmpty()) {
            try (PreparedStatement tag = connection.prepareStatement("INSERT INTO mcp_memory_tags (memory_id, tag) VALUES (?, ?)")) {
                for (String name : tags) {
                    tag.setLong(1, id);
                    tag.setString(2, name);
                    tag.addBatch();
                }
                tag.executeBatch();
            }
        }
        return OptionalLong.of(id);
    }
}
