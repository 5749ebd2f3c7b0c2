package dev.codexauth.mcp.control;

import dev.codexauth.host.control.HostTurnover;
import dev.codexauth.ops.control.RowsById;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Every statement names its rows by primary key, read first with a plain read ({@link RowsById}; the two IN lists
     * force the primary key for the same reason): a statement that searched the host_id index instead locked the first
     * entry past the host's range too, which belongs to the next host, and two hosts with neighbouring ids deleted at
     * once deadlocked that way. The host's row is locked by the caller, so no memory of this host appears meanwhile: a
     * store waits for that lock and then finds its host gone.
     */
    private void detach(long hostId, String fqdn) {
        List<Object[]> owned = rows(em.createNativeQuery("SELECT id, deleted_at IS NOT NULL FROM mcp_memories WHERE host_id = ?1")
                .setParameter(1, hostId).getResultList());
        List<Object> softDeleted = owned.stream().filter(row -> ((Number) row[1]).intValue() == 1).map(row -> row[0]).toList();
        List<Object> live = owned.stream().filter(row -> ((Number) row[1]).intValue() == 0).map(row -> row[0]).toList();
        // Left by an earlier host of this FQDN that nobody registered again while they were kept: the newer ones win.
        List<Object> older = new ArrayList<>(listed(fqdn));
        older.addAll(softDeleted);
        RowsById.each(em, "DELETE FROM mcp_memories WHERE id = ?", older);
        if (live.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO mcp_detached_memories (memory_id, former_host_fqdn, memory_key, detached_at)"
                        + " SELECT id, :fqdn, memory_key, :at FROM mcp_memories FORCE INDEX (PRIMARY) WHERE id IN (:ids)")
                .setParameter("fqdn", fqdn).setParameter("at", Timestamp.from(Instant.now())).setParameter("ids", live).executeUpdate();
        em.createNativeQuery("UPDATE mcp_memories FORCE INDEX (PRIMARY) SET host_id = NULL WHERE id IN (:ids)").setParameter("ids", live)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private void reattach(long hostId, String fqdn) {
        List<?> kept = listed(fqdn);
        if (kept.isEmpty()) {
            return;
        }
        // By id, as in detach().
        em.createNativeQuery("UPDATE mcp_memories FORCE INDEX (PRIMARY) SET host_id = :host WHERE id IN (:ids) AND host_id IS NULL"
                + " AND workspace_id IS NULL").setParameter("host", hostId).setParameter("ids", kept).executeUpdate();
        RowsById.each(em, "DELETE FROM mcp_detached_memories WHERE memory_id = ?", kept);
    }

    /** The ids of the memories kept for a former host of this FQDN. */
    private List<?> listed(String fqdn) {
        return em.createNativeQuery("SELECT memory_id FROM mcp_detached_memories WHERE former_host_fqdn = ?1").setParameter(1, fqdn)
                .getResultList();
    }
}
