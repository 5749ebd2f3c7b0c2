package dev.codexauth.mcp.control;

/** A host calling with its API key: it works on its own memories. */
public record HostCaller(long id, String fqdn) implements McpCaller {

    @Override
    public String subject() {
        return "host:" + id;
    }

    @Override
    public MemoryOwner memoryOwner() {
        return MemoryOwner.host(id);
    }

    @Override
    public Long hostId() {
        return id;
    }
}
