package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who reaches the fleet's shared memories: every host reads them; admins write them (admin API, console) and hosts
 * too only with {@code MCP_FLEET_MEMORY_WRITES=hosts}, since whatever one host writes there every host's agent reads
 * as the fleet's knowledge. A person's token never reaches them: its memories are its workspace's.
 */
@ApplicationScoped
public class FleetMemoryAccess {

    private static final Logger LOG = Logger.getLogger(FleetMemoryAccess.class.getName());

    private boolean hostsWrite;

    /** For CDI. */
    protected FleetMemoryAccess() {
    }

    @Inject
    public FleetMemoryAccess(@ConfigProperty(name = "mcp.fleet.memory.writes", defaultValue = "admins") String writers) {
        String normalized = writers.strip().toLowerCase(Locale.ROOT);
        hostsWrite = normalized.equals("hosts");
        if (!hostsWrite && !normalized.equals("admins")) {
            LOG.warning("MCP_FLEET_MEMORY_WRITES must be admins or hosts; only admins write fleet memories");
        }
    }

    /**
     * The owner a call of the caller in {@code scope} (host or fleet) works on.
     *
     * @throws ApiException 403 for a person's token asking for the fleet, or a host writing there when hosts may not
     */
    public MemoryOwner owner(McpCaller caller, MemoryScope scope, boolean writing) {
        if (scope == MemoryScope.HOST) {
            return caller.memoryOwner();
        }
        if (caller.hostId() == null) {
            throw new ApiException(403, "fleet_memories_for_hosts",
                    "Fleet memories are shared by the fleet's hosts; a person's token reaches its workspace's memories only");
        }
        if (writing && !hostsWrite) {
            throw new ApiException(403, "fleet_memories_read_only", "Hosts read the fleet's memories; admins write them on this server");
        }
        return MemoryOwner.FLEET;
    }

    public boolean hostsWrite() {
        return hostsWrite;
    }
}
