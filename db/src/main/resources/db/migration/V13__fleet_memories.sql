-- A shared fleet scope for MCP memories (spec/mcp.md §8: "implement real scopes (host / shared fleet)"). A fleet
-- memory has neither owner column set and is listed here under its key, unique across the fleet as a host's key is
-- unique per host. A table of its own for the reason V12 gives (any change to mcp_memories rebuilds it with writes
-- locked out). An expand step for rolling upgrades (docs/cluster.md): older builds never read this table, and reach
-- a fleet memory only through the admin memory search across every owner, where it shows without a host.
CREATE TABLE mcp_fleet_memories (
    memory_id BIGINT UNSIGNED NOT NULL,
    memory_key VARCHAR(128) NOT NULL COMMENT 'the memory''s key, unique in the fleet scope',
    PRIMARY KEY (memory_id),
    UNIQUE KEY uniq_fleet_memories_key (memory_key),
    CONSTRAINT fk_fleet_memories_memory FOREIGN KEY (memory_id) REFERENCES mcp_memories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
