package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The billing decision per workspace (spec/identity.md "Entitlement from billing"): only {@code active} and
 * {@code trialing} let a workspace's tokens work. Stripe events apply in the order Stripe created them, so a late
 * delivery of an older event never overwrites a newer decision.
 */
@Stateless
public class Entitlements {

    public static final Set<String> STATUSES = Set.of("active", "trialing", "past_due", "canceled", "unpaid", "none");
    static final Set<String> ALLOWED = Set.of("active", "trialing");

    /** A workspace's entitlement as admins and people see it. */
    public record Entitlement(long workspaceId, String status, String plan, String periodEnd, String updatedBy, String updatedAt) {
        public boolean allowed() {
            return ALLOWED.contains(status);
        }
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public static boolean allows(String status) {
        return status != null && ALLOWED.contains(status);
    }

    public Entitlement of(long workspaceId) {
        List<?> rows = em.createNativeQuery("SELECT status, plan, period_end, updated_by_event, updated_at FROM entitlements WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getResultList();
        if (rows.isEmpty()) {
            return new Entitlement(workspaceId, "none", null, null, null, null);
        }
        Object[] row = (Object[]) rows.get(0);
        return new Entitlement(workspaceId, (String) row[0], (String) row[1], Timestamps.format(Columns.utc(row[2])), (String) row[3],
                Timestamps.format(Columns.utc(row[4])));
    }

    /** @throws ApiException 403 {@code entitlement_inactive} unless the workspace is active or trialing */
    public void requireActive(long workspaceId) {
        Entitlement entitlement = of(workspaceId);
        if (!entitlement.allowed()) {
            throw inactive(entitlement.status());
        }
    }

    /** Sets a workspace's entitlement by hand (admins); returns the one it replaced. */
    public Entitlement set(long workspaceId, String status, String plan, Instant periodEnd, String by) {
        Entitlement before = of(workspaceId);
        em.createNativeQuery("INSERT INTO entitlements (workspace_id, status, plan, period_end, updated_by_event, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON DUPLICATE KEY UPDATE status = VALUES(status), plan = VALUES(plan), "
                        + "period_end = VALUES(period_end), updated_by_event = VALUES(updated_by_event), updated_at = VALUES(updated_at)")
                .setParameter(1, workspaceId).setParameter(2, status).setParameter(3, plan)
                .setParameter(4, Timestamps.toUtcDateTime(periodEnd)).setParameter(5, by)
                .setParameter(6, Timestamps.toUtcDateTime(Instant.now())).executeUpdate();
        return before;
    }

    /**
     * Applies a subscription event's status unless a newer event already decided (ties apply: Stripe's
     * {@code created} has one-second resolution).
     *
     * @return whether it was applied
     */
    public boolean applyFromStripe(long workspaceId, String status, String plan, Instant periodEnd, String eventId, Instant eventCreated) {
        int changed = em.createNativeQuery("INSERT INTO entitlements (workspace_id, status, plan, period_end, updated_by_event, "
                        + "stripe_event_created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON DUPLICATE KEY UPDATE "
                        + "plan = IF(stripe_event_created_at IS NULL OR stripe_event_created_at <= VALUES(stripe_event_created_at), VALUES(plan), plan), "
                        + "period_end = IF(stripe_event_created_at IS NULL OR stripe_event_created_at <= VALUES(stripe_event_created_at), VALUES(period_end), period_end), "
                        + "updated_by_event = IF(stripe_event_created_at IS NULL OR stripe_event_created_at <= VALUES(stripe_event_created_at), VALUES(updated_by_event), updated_by_event), "
                        + "updated_at = IF(stripe_event_created_at IS NULL OR stripe_event_created_at <= VALUES(stripe_event_created_at), VALUES(updated_at), updated_at), "
                        + "status = IF(stripe_event_created_at IS NULL OR stripe_event_created_at <= VALUES(stripe_event_created_at), VALUES(status), status), "
                        + "stripe_event_created_at = GREATEST(COALESCE(stripe_event_created_at, VALUES(stripe_event_created_at)), VALUES(stripe_event_created_at))")
                .setParameter(1, workspaceId).setParameter(2, status).setParameter(3, plan)
                .setParameter(4, Timestamps.toUtcDateTime(periodEnd)).setParameter(5, eventId)
                .setParameter(6, Timestamps.toUtcDateTime(eventCreated)).setParameter(7, Timestamps.toUtcDateTime(Instant.now()))
                .executeUpdate();
        return changed > 0 && eventId.equals(of(workspaceId).updatedBy());
    }

    public static ApiException inactive(String status) {
        return new ApiException(403, "entitlement_inactive", "This workspace has no active subscription (status " + status + ")");
    }
}
