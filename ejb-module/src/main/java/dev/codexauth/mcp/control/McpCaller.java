package dev.codexauth.mcp.control;

/**
 * Who calls the MCP server and whose memories it works on. A host (its API key) is the only caller today; a person's
 * token with scope {@code mcp} becomes another implementation, with its own subject and memory owner.
 */
public interface McpCaller {

    /** A stable name of the caller, stored with its sessions ({@code host:12}); a session serves only its subject. */
    String subject();

    /** The host whose memories the caller reads and writes. */
    long memoryHostId();

    /** The host to attribute log rows and sessions to, or null for a caller that is no host. */
    Long hostId();
}
