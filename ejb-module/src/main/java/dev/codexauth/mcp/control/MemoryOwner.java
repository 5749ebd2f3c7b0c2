package dev.codexauth.mcp.control;

/**
 * Whose memories a call works on: one host (its API key), one workspace (a person's {@code xwllm_} token with scope
 * {@code mcp}) or the fleet. A host's or a workspace's memory carries its owner column; a fleet memory carries
 * neither and is listed in {@code mcp_fleet_memories}. Keys are unique per owner.
 */
public record MemoryOwner(Kind kind, long id) {

    /** The fleet's shared memories: one owner, so no id. */
    public static final MemoryOwner FLEET = new MemoryOwner(Kind.FLEET, 0);

    /** The owner column in SQL, its field in JPQL (null for the fleet) and the memory's scope in answers; constants, never user input. */
    public enum Kind {
        HOST("host_id", "hostId", "host"), WORKSPACE("workspace_id", "workspaceId", "workspace"), FLEET(null, null, "fleet");

        final String column;
        final String field;
        final String scope;

        Kind(String column, String field, String scope) {
            this.column = column;
            this.field = field;
            this.scope = scope;
        }
    }

    public static MemoryOwner host(long hostId) {
        return new MemoryOwner(Kind.HOST, hostId);
    }

    public static MemoryOwner workspace(long workspaceId) {
        return new MemoryOwner(Kind.WORKSPACE, workspaceId);
    }

    /** Whether a row of {@code mcp_memories m} is this owner's, in SQL; {@code placeholder} stands for {@link #id()} when there is one. */
    String condition(String placeholder) {
        return kind == Kind.FLEET ? "m.id IN (SELECT memory_id FROM mcp_fleet_memories)" : "m." + kind.column + " = " + placeholder;
    }

    /** Whether {@link #condition} has a placeholder to bind. */
    boolean hasId() {
        return kind != Kind.FLEET;
    }
}
