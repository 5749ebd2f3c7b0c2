-- spec/mcp.md §8: a deleted host's memories were deleted with it. They are now detached instead (host_id NULL, no
-- workspace) and listed here with the host's FQDN for RETENTION_DETACHED_MEMORIES_DAYS; the next host registered
-- under that FQDN gets them back. A table of its own, because any column or key added to mcp_memories rebuilds it
-- with writes locked out (its FULLTEXT index forbids LOCK=NONE). An expand step for rolling upgrades
-- (docs/cluster.md): older builds never read this table, and a detached memory has no owner they would look it up by.
CREATE TABLE mcp_detached_memories (
    memory_id BIGINT UNSIGNED NOT NULL,
    former_host_fqdn VARCHAR(255) NOT NULL COMMENT 'the deleted host that owned the memory',
    memory_key VARCHAR(128) NOT NULL COMMENT 'the memory''s key, unique per former host as it was per host',
    detached_at DATETIME NOT NULL COMMENT 'when its host was deleted; retention counts from here',
    PRIMARY KEY (memory_id),
    UNIQUE KEY uniq_detached_memories_host_key (former_host_fqdn, memory_key),
    KEY idx_detached_memories_at (detached_at),
    CONSTRAINT fk_detached_memories_memory FOREIGN KEY (memory_id) REFERENCES mcp_memories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
