-- The hosted MCP server (spec/mcp.md): sessions in the database so any node of a cluster serves them, memory tags
-- as rows so a tag filter is part of the search query, and the latency of every logged JSON-RPC item.

CREATE TABLE mcp_sessions (
    id_hash CHAR(64) NOT NULL,
    caller VARCHAR(64) NOT NULL,
    host_id BIGINT UNSIGNED NULL,
    protocol_version VARCHAR(16) NOT NULL,
    client_name VARCHAR(128) NULL,
    client_version VARCHAR(64) NULL,
    created_at DATETIME(3) NOT NULL,
    last_used_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id_hash),
    KEY idx_mcp_sessions_last_used (last_used_at),
    CONSTRAINT fk_mcp_sessions_host FOREIGN KEY (host_id) REFERENCES hosts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE mcp_memory_tags (
    memory_id BIGINT UNSIGNED NOT NULL,
    tag VARCHAR(64) NOT NULL,
    PRIMARY KEY (memory_id, tag),
    KEY idx_mcp_memory_tags_tag (tag, memory_id),
    CONSTRAINT fk_mcp_memory_tags_memory FOREIGN KEY (memory_id) REFERENCES mcp_memories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tags stored before this migration become rows (JSON arrays of strings of at most 64 characters).
INSERT IGNORE INTO mcp_memory_tags (memory_id, tag)
SELECT m.id, LEFT(j.tag, 64)
FROM mcp_memories m
JOIN JSON_TABLE(m.tags, '$[*]' COLUMNS (tag VARCHAR(255) PATH '$')) j
WHERE m.tags IS NOT NULL AND JSON_VALID(m.tags) AND j.tag IS NOT NULL AND TRIM(j.tag) <> '';

CREATE INDEX idx_memories_host_updated ON mcp_memories (host_id, deleted_at, updated_at);

ALTER TABLE mcp_access_logs ADD COLUMN latency_ms INT NULL AFTER error_message;
