package dev.codexauth.mcp.control;

/**
 * Whose memories a call works on: one host (its API key) or one workspace (a person's {@code xwllm_} token with scope
 * {@code mcp}). A memory row carries exactly one of the two owner columns; keys are unique per owner.
 */
public record MemoryOwner(Kind kind, long id) {

    /** The owner column in SQL and its field in JPQL; constants, never user input. */
    public enum Kind {
        HOST("host_id", "hostId"), WORKSPACE("workspace_id", "workspaceId");

        final String column;
        final String field;

        Kind(String column, String field) {
            this.column = column;
            this.field = field;
        }
    }

    public static MemoryOwner host(long hostId) {
        return new MemoryOwner(Kind.HOST, hostId);
    }

    public static MemoryOwner workspace(long workspaceId) {
        return new MemoryOwner(Kind.WORKSPACE, workspaceId);
    }
}
