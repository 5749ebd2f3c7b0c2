package dev.codexauth.mcp.control;

/** Who calls the MCP server and whose memories it works on: a host ({@link HostCaller}) or a person ({@link PersonCaller}). */
public interface McpCaller {

    /** A stable name of the caller, stored with its sessions ({@code host:12}, {@code token:5}); a session serves only its subject. */
    String subject();

    /** Whose memories the caller reads and writes. */
    MemoryOwner memoryOwner();

    /** The host to attribute log rows, sessions and files to, or null for a caller that is no host. */
    Long hostId();
}
