package dev.codexauth.identity.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What admins see of the identity plane (spec/admin.md): people, workspaces with their entitlement, and tokens. */
@Stateless
public class IdentityAdministration {

    public record Person(long id, String userId, String email, String name, String createdAt, String lastSeenAt, long tokens,
                         List<String> workspaces) {
    }

    public record Workspace(long id, String slug, String name, String stripeCustomerId, String entitlement, String plan,
                            String periodEnd, String entitlementUpdatedBy, long members, long activeTokens, long hosts) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Entitlements entitlements;

    @EJB
    LlmTokens tokens;

    @EJB
    AuditTrail audit;

    /** Sets a workspace's entitlement by hand (a later Stripe event replaces it), audited with before and after. */
    public Workspace entitle(long workspaceId, String status, String plan, Instant periodEnd, AuditTrail.Actor actor) {
        Workspace before = workspace(workspaceId);
        entitlements.set(workspaceId, status, plan, periodEnd, "admin:" + actor.name());
        Workspace after = workspace(workspaceId);
        audit.record(actor, "workspace.entitlement", "workspace", workspaceId, Map.of("status", before.entitlement()),
                Map.of("status", after.entitlement()), "ok");
        return after;
    }

    /** Revokes any install token, effective at its next request on every node, audited. */
    public LlmTokens.Listed revoke(long tokenId, AuditTrail.Actor actor) {
        LlmTokens.Listed revoked = tokens.revoke(tokenId, "admin:" + actor.name());
        audit.record(actor, "llm_token.revoke", "llm_token", tokenId, null, Map.of("prefix", revoked.prefix(), "label", revoked.label()), "ok");
        return revoked;
    }

    public List<Person> people(int limit) {
        List<?> rows = em.createNativeQuery("SELECT p.id, p.clerk_user_id, p.email, p.display_name, p.created_at, p.last_seen_at, "
                + "(SELECT COUNT(*) FROM llm_tokens t WHERE t.person_id = p.id AND t.revoked_at IS NULL), "
                + "(SELECT GROUP_CONCAT(w.slug ORDER BY w.slug SEPARATOR ' ') FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id "
                + "WHERE m.person_id = p.id) FROM people p ORDER BY p.id DESC LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new Person(Columns.number(row[0]), (String) row[1], (String) row[2],
                (String) row[3], Timestamps.format(Columns.utc(row[4])), Timestamps.format(Columns.utc(row[5])), Columns.number(row[6]),
                row[7] == null ? List.of() : List.of(((String) row[7]).split(" ")))).toList();
    }

    public List<Workspace> workspaces(int limit) {
        return workspaces("ORDER BY w.id DESC LIMIT ?1", limit);
    }

    public Workspace workspace(long id) {
        return workspaces("WHERE w.id = ?1", id).stream().findFirst()
                .orElseThrow(() -> new ApiException(404, "workspace_not_found", "No such workspace"));
    }

    private List<Workspace> workspaces(String clause, Object parameter) {
        List<?> rows = em.createNativeQuery("SELECT w.id, w.slug, w.name, w.stripe_customer_id, COALESCE(e.status, 'none'), e.plan, e.period_end, "
                + "e.updated_by_event, (SELECT COUNT(*) FROM workspace_members m WHERE m.workspace_id = w.id), "
                + "(SELECT COUNT(*) FROM llm_tokens t WHERE t.workspace_id = w.id AND t.revoked_at IS NULL), "
                + "(SELECT COUNT(*) FROM workspace_hosts h WHERE h.workspace_id = w.id) "
                + "FROM workspaces w LEFT JOIN entitlements e ON e.workspace_id = w.id " + clause).setParameter(1, parameter).getResultList();
        return rows.stream().map(Object[].class::cast).map(row -> new Workspace(Columns.number(row[0]), (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], Timestamps.format(Columns.utc(row[6])), (String) row[7],
                Columns.number(row[8]), Columns.number(row[9]), Columns.number(row[10]))).toList();
    }
}
