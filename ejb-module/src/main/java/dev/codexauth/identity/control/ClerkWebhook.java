package dev.codexauth.identity.control;

import static dev.codexauth.identity.control.WebhookEvents.cut;
import static dev.codexauth.identity.control.WebhookEvents.object;
import static dev.codexauth.identity.control.WebhookEvents.text;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Applies Clerk's events about people leaving: a membership removed from an organization, a user deleted, an
 * organization deleted. Each revokes the install tokens that person or workspace minted and ends the membership, and
 * denies browser sign-ins approved but not yet consumed, so leaving Clerk ends access here too; without it a person
 * removed from the organization kept working tokens until they expired. Only what existed when Clerk raised the event
 * is touched (its {@code timestamp}): a retry delivered after the person was invited back leaves the new tokens alone.
 * A Svix message id is applied at most once, and the event row commits with its changes.
 */
@Stateless
public class ClerkWebhook {

    /** What became of an event: {@code applied}, {@code replayed} or {@code ignored}, and why. */
    public record Outcome(String eventId, String result, String reason) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    IdentitySettings settings;

    public Outcome receive(byte[] payload, String messageId, String timestamp, String signatures) {
        String secret = settings.clerkWebhookSecret().orElseThrow(() -> new ApiException(503, "clerk_webhook_not_configured",
                "Clerk webhooks are not configured on this server: set CLERK_WEBHOOK_SECRET"));
        Instant now = Instant.now();
        SvixSignature.verify(messageId, timestamp, signatures, payload, secret, now);
        JsonObject event = WebhookEvents.event(payload, "Clerk");
        String id = cut(messageId, 255);
        String type = cut(text(event, "type"), 128);
        if (!WebhookEvents.firstDelivery(em, "clerk_events", id, type, now)) {
            return new Outcome(id, "replayed", "this message id was received before; nothing applied again");
        }
        JsonObject data = object(event, "data");
        LocalDateTime raised = Timestamps.toUtcDateTime(raisedAt(event, now));
        String reason = switch (type) {
            case "organizationMembership.deleted" -> membershipEnded(text(object(data, "organization"), "id"),
                    text(object(data, "public_user_data"), "user_id"), raised);
            case "organizationMembership.updated" -> roleChanged(text(object(data, "organization"), "id"),
                    text(object(data, "public_user_data"), "user_id"), text(data, "role"));
            case "user.deleted" -> personDeleted(text(data, "id"), raised);
            case "organization.deleted" -> organizationDeleted(text(data, "id"), raised);
            default -> null;
        };
        return reason == null ? new Outcome(id, "ignored", "not an event about a membership, user or organization ending")
                : new Outcome(id, "applied", reason);
    }

    private String membershipEnded(String organization, String user, LocalDateTime raised) {
        Long workspace = workspace(organization);
        Long person = person(user);
        if (workspace == null || person == null) {
            return "no such member here; nothing to revoke";
        }
        Scope member = new Scope("person_id = :person AND workspace_id = :workspace", Map.of("person", person, "workspace", workspace));
        return leave(member, raised, "clerk:membership_deleted") + " token(s) of " + user + " in organization " + organization + " revoked";
    }

    private String roleChanged(String organization, String user, String clerkRole) {
        Long workspace = workspace(organization);
        Long person = person(user);
        if (workspace == null || person == null || clerkRole == null) {
            return "no such member here; nothing changed";
        }
        String role = clerkRole.endsWith("admin") ? "admin" : "member";
        em.createNativeQuery("UPDATE workspace_members SET role = ?1 WHERE workspace_id = ?2 AND person_id = ?3")
                .setParameter(1, role).setParameter(2, workspace).setParameter(3, person).executeUpdate();
        return user + " is " + role + " of organization " + organization;
    }

    private String personDeleted(String user, LocalDateTime raised) {
        Long person = person(user);
        if (person == null) {
            return "no such person here; nothing to revoke";
        }
        return leave(new Scope("person_id = :person", Map.of("person", person)), raised, "clerk:user_deleted") + " token(s) of " + user
                + " revoked";
    }

    private String organizationDeleted(String organization, LocalDateTime raised) {
        Long workspace = workspace(organization);
        if (workspace == null) {
            return "no such organization here; nothing to revoke";
        }
        return leave(new Scope("workspace_id = :workspace", Map.of("workspace", workspace)), raised, "clerk:organization_deleted")
                + " token(s) of organization " + organization + " revoked";
    }

    /** Whose rows an event touches: a condition on {@code person_id} and/or {@code workspace_id}, and its values. */
    private record Scope(String condition, Map<String, Object> values) {

        Query bound(Query query) {
            values.forEach(query::setParameter);
            return query;
        }
    }

    /**
     * Revokes the live tokens of {@code scope} minted up to {@code raised}, denies its approved and unconsumed sign-ins
     * decided up to then, and removes its memberships from before; the number of tokens revoked.
     */
    private int leave(Scope scope, LocalDateTime raised, String by) {
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        int revoked = scope.bound(em.createNativeQuery("UPDATE llm_tokens SET revoked_at = :now, revoked_by = :by WHERE revoked_at IS NULL "
                        + "AND created_at <= :raised AND " + scope.condition()))
                .setParameter("now", now).setParameter("by", by).setParameter("raised", raised).executeUpdate();
        scope.bound(em.createNativeQuery("UPDATE signin_sessions SET status = 'denied', decided_at = :now WHERE status = 'approved' "
                        + "AND decided_at <= :raised AND " + scope.condition()))
                .setParameter("now", now).setParameter("raised", raised).executeUpdate();
        scope.bound(em.createNativeQuery("DELETE FROM workspace_members WHERE since <= :raised AND " + scope.condition()))
                .setParameter("raised", raised).executeUpdate();
        return revoked;
    }

    private Long workspace(String organization) {
        return organization == null ? null : id("SELECT id FROM workspaces WHERE clerk_org_id = ?1", organization);
    }

    private Long person(String user) {
        return user == null ? null : id("SELECT id FROM people WHERE clerk_user_id = ?1", user);
    }

    private Long id(String query, String key) {
        List<?> rows = em.createNativeQuery(query).setParameter(1, key).getResultList();
        return rows.isEmpty() ? null : Columns.number(rows.get(0));
    }

    /** When Clerk raised the event ({@code timestamp}, milliseconds), never later than now; now when it is missing. */
    private static Instant raisedAt(JsonObject event, Instant now) {
        if (event.get("timestamp") instanceof JsonNumber value && value.isIntegral() && value.toString().matches("[0-9]{1,15}")) {
            Instant raised = Instant.ofEpochMilli(value.longValue());
            return raised.isAfter(now) ? now : raised;
        }
        return now;
    }
}
