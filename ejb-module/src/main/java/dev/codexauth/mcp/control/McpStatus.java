package dev.codexauth.mcp.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * {@code GET /api/mcp/status} (seed 002 §4): the MCP server as it is — the protocol versions it speaks, how many
 * tools a host and a workspace's token are offered, and when the last call was logged. Counts and times, never content.
 */
@Stateless
public class McpStatus {

    /** {@code last_call_at} is null until the first logged call; the access log is written behind, by up to a second. */
    public record State(String status, List<String> protocolVersions, int hostTools, int workspaceTools, boolean fileTools,
                        String lastCallAt, String serverVersion) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    FileSandbox files;

    public State current() {
        List<?> last = em.createNativeQuery("SELECT created_at FROM mcp_access_logs ORDER BY id DESC LIMIT 1").getResultList();
        return new State("up", McpProtocol.SUPPORTED, ToolCatalogue.offered(files, true).size(), ToolCatalogue.offered(files, false).size(),
                files.enabled(), last.isEmpty() ? null : (String) last.get(0), ServerVersion.get());
    }
}
