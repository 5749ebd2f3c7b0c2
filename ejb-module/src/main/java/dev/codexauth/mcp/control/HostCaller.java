package dev.codexauth.mcp.control;

import dev.codexauth.host.entity.Host;

/** A host calling with its API key: it works on its own memories. */
public record HostCaller(long id, String fqdn) implements McpCaller {

    HostCaller(Host host) {
        this(host.getId(), host.getFqdn());
    }

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
