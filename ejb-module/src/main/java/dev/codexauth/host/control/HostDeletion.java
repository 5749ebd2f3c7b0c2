package dev.codexauth.host.control;

import dev.codexauth.auth.control.DigestHistory;
import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Events;
import jakarta.ejb.EJB;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Removes a host: its row and, by the schema's cascades, its users, installer tokens, auth state and digests; usage and
 * log rows keep a null host (schema.md §2.23). Its MCP memories are detached first and kept ({@link HostTurnover}).
 */
@Stateless
public class HostDeletion {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Events events;

    @EJB
    DigestHistory digests;

    @EJB
    HostActivityTracker activity;

    @Inject
    HostCallCounter calls;

    @EJB
    HostAuthenticator authenticator;

    @Inject
    Event<HostTurnover> turnover;

    /** {@code DELETE /auth}: the host removes itself (a new IP re-binds first when {@code force} was given). */
    public String deregister(HostCredentials credentials) {
        Host host = authenticator.authenticateToLeave(credentials);
        delete(host, "host_api");
        return host.getFqdn();
    }

    /**
     * The caller has locked the host's row: the memories are moved before the row goes, and a memory store of that host
     * holds the row's shared lock (its foreign key) while it waits for the rows being moved, so a deletion that took the
     * row's lock last deadlocked with it. Locked first, the store waits for the deletion and finds its host gone.
     */
    public void delete(Host host, String initiator) {
        events.record(host.getId(), "host.delete", Events.details("fqdn", host.getFqdn(), "initiator", initiator));
        digests.clear(host.getId());
        turnover.fire(new HostTurnover(HostTurnover.Kind.LEAVING, host.getId(), host.getFqdn()));
        em.remove(em.contains(host) ? host : em.merge(host));
        em.flush();
        activity.forget(host.getId());
        calls.forget(host.getId());
    }
}
