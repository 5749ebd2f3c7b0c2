package dev.codexauth.mcp.control;

/**
 * A person calling with an {@code xwllm_} token that carries scope {@code mcp}: it works on its workspace's memories,
 * shared by every token of that workspace. Sessions belong to the token, so revoking it ends them with it.
 */
public record PersonCaller(long tokenId, long workspaceId, String workspaceSlug) implements McpCaller {

    @Override
    public String subject() {
        return "token:" + tokenId;
    }

    @Override
    public MemoryOwner memoryOwner() {
        return MemoryOwner.workspace(workspaceId);
    }

    @Override
    public Long hostId() {
        return null;
    }
}
