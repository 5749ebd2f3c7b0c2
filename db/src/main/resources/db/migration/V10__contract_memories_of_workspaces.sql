-- A person's xwllm_ token with scope mcp works on its workspace's memories (docs/mcp.md, "Who owns a memory"), so a
-- memory belongs to exactly one host or exactly one workspace. The application writes exactly one of the two
-- (MySQL refuses a CHECK constraint on a column with ON DELETE CASCADE). The unique key per workspace mirrors the
-- one per host; NULLs never collide in either.
--
-- A contract step for rolling upgrades (docs/cluster.md): host_id becomes nullable, and a build before this one
-- fails on a workspace's memory where it lists memories across every host (admin memory search). Host-scoped calls
-- of older builds never read those rows.

ALTER TABLE mcp_memories
    MODIFY host_id BIGINT UNSIGNED NULL COMMENT 'owning host; NULL when a workspace owns the memory',
    ADD COLUMN workspace_id BIGINT UNSIGNED NULL COMMENT 'owning workspace (a person''s mcp token); NULL for a host''s memory' AFTER host_id,
    ADD CONSTRAINT fk_memories_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    ADD UNIQUE KEY uniq_memories_workspace_key (workspace_id, memory_key);

CREATE INDEX idx_memories_workspace_updated ON mcp_memories (workspace_id, deleted_at, updated_at);
