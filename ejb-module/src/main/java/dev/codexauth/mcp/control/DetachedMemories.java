package dev.codexauth.mcp.control;

import dev.codexauth.host.control.HostTurnover;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A deleted host's memories outlive it (spec/mcp.md §8): when its row goes, they are detached (no owner, the host's
 * FQDN kept in {@code mcp_detached_memories}) instead of cascading away, and the next host registered under that FQDN
 * gets them back with their keys, tags and dates. Nobody else can reach a detached memory; retention deletes it
 * {@code RETENTION_DETACHED_MEMORIES_DAYS} after the host's deletion ({@link dev.codexauth.ops.control.Retention}).
 * Soft-deleted memories go with the host.
 */
@Stateless
public class DetachedMemories {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public void onTurnover(@Observes HostTurnover turnover) {
        if (turnover.kind() == HostTurnover.Kind.LEAVING) {
            detach(turnover.hostId(), turnover.fqdn());
        } else {
            reattach(turnover.hostId(), turnover.fqdn());
        }
    }

    private void detach(long hostId, String fqdn) {
        em.createNativeQuery("DELETE FROM mcp_memories WHERE host_id = ?1 AND deleted_at IS NOT NULL").setParameter(1, hostId)
                .executeUpdate();
        // Left by an earlier host of this FQDN that nobody registered again while they were kept: the newer ones win.
        em.createNativeQuery("DELETE FROM mcp_memories WHERE id IN"
                + " (SELECT memory_id FROM mcp_detached_memories WHERE former_host_fqdn = ?1)").setParameter(1, fqdn).executeUpdate();
        em.createNativeQuery("INSERT INTO mcp_detached_memories (memory_id, former_host_fqdn, memory_key, detached_at)"
                        + " SELECT id, ?1, memory_key, ?2 FROM mcp_memories WHERE host_id = ?3")
                .setParameter(1, fqdn).setParameter(2, Timestamp.from(Instant.now())).setParameter(3, hostId).executeUpdate();
        em.createNativeQuery("UPDATE mcp_memories SET host_id = NULL WHERE host_id = ?1").setParameter(1, hostId).executeUpdate();
    }

    private void reattach(long hostId, String fqdn) {
        em.createNativeQuery("UPDATE mcp_memories m JOIN mcp_detached_memories d ON d.memory_id = m.id SET m.host_id = ?1"
                + " WHERE d.former_host_fqdn = ?2 AND m.host_id IS NULL AND m.workspace_id IS NULL").setParameter(1, hostId)
                .setParameter(2, fqdn).executeUpdate();
        em.createNativeQuery("DELETE FROM mcp_detached_memories WHERE former_host_fqdn = ?1").setParameter(1, fqdn).executeUpdate();
    }
}
