package dev.codexauth.identity.control;

import static dev.codexauth.identity.control.WebhookEvents.cut;
import static dev.codexauth.identity.control.WebhookEvents.object;
import static dev.codexauth.identity.control.WebhookEvents.text;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies Stripe's subscription events to workspace entitlements. An event id is applied at most once: a replay is
 * acknowledged (so Stripe stops retrying) and changes nothing. The first event whose
 * {@code metadata.workspace_id} names a workspace (id or slug) without a customer links that workspace to the
 * event's customer; later events find it by customer. The event row and the entitlement change commit together,
 * so an event that failed half-way is applied in full when Stripe retries it.
 */
@Stateless
public class StripeWebhook {

    private static final Logger LOG = Logger.getLogger(StripeWebhook.class.getName());
    private static final Set<String> SUBSCRIPTION_EVENTS = Set.of("customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.deleted");

    /** What became of an event: {@code applied}, {@code replayed}, {@code ignored} or {@code stale}, and why. */
    public record Outcome(String eventId, String result, String reason) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Entitlements entitlements;

    @Inject
    IdentitySettings settings;

    public Outcome receive(byte[] payload, String signatureHeader) {
        String secret = settings.stripeWebhookSecret().orElseThrow(() -> new ApiException(503, "stripe_not_configured",
                "Stripe webhooks are not configured on this server: set STRIPE_WEBHOOK_SECRET"));
        StripeSignature.verify(signatureHeader, payload, secret, Instant.now());
        JsonObject event = WebhookEvents.event(payload, "Stripe");
        if (text(event, "id") == null) {
            throw new ApiException(400, "invalid_event", "The webhook body is not a Stripe event");
        }
        String id = cut(text(event, "id"), 255);
        String type = cut(text(event, "type"), 128);
        if (!WebhookEvents.firstDelivery(em, "stripe_events", id, type, Instant.now())) {
            return new Outcome(id, "replayed", "this event id was received before; nothing applied again");
        }
        if (!SUBSCRIPTION_EVENTS.contains(type)) {
            return new Outcome(id, "ignored", "not a subscription event");
        }
        JsonObject subscription = object(object(event, "data"), "object");
        String customer = text(subscription, "customer");
        Long workspaceId = workspace(customer, text(object(subscription, "metadata"), "workspace_id"));
        if (workspaceId == null) {
            LOG.info(() -> "Stripe event " + id + " names no known workspace; not applied");
            return new Outcome(id, "ignored", "no workspace is linked to this customer");
        }
        String status = type.endsWith(".deleted") ? "canceled" : status(text(subscription, "status"));
        Instant created = Instant.ofEpochSecond(number(event, "created", Instant.now().getEpochSecond()));
        long periodEnd = number(subscription, "current_period_end", 0);
        boolean applied = entitlements.applyFromStripe(workspaceId, status, cut(plan(subscription), 128),
                periodEnd > 0 ? Instant.ofEpochSecond(periodEnd) : null, id, created);
        return applied ? new Outcome(id, "applied", "workspace " + workspaceId + " is " + status)
                : new Outcome(id, "stale", "a newer event already decided this workspace's entitlement");
    }

    private Long workspace(String customer, String named) {
        if (customer == null) {
            return null;
        }
        List<?> linked = em.createNativeQuery("SELECT id FROM workspaces WHERE stripe_customer_id = ?1").setParameter(1, customer).getResultList();
        if (!linked.isEmpty()) {
            return Columns.number(linked.get(0));
        }
        if (named == null) {
            return null;
        }
        List<?> candidate = em.createNativeQuery("SELECT id FROM workspaces WHERE (slug = ?1 OR CAST(id AS CHAR) = ?1) AND stripe_customer_id IS NULL")
                .setParameter(1, named).getResultList();
        if (candidate.isEmpty()) {
            return null;
        }
        long id = Columns.number(candidate.get(0));
        em.createNativeQuery("UPDATE workspaces SET stripe_customer_id = ?1 WHERE id = ?2 AND stripe_customer_id IS NULL")
                .setParameter(1, cut(customer, 255)).setParameter(2, id).executeUpdate();
        return id;
    }

    /** Stripe's subscription statuses on the entitlement's scale; those that grant nothing yet are {@code none}. */
    private static String status(String stripe) {
        if (stripe == null) {
            return "none";
        }
        return Map.of("incomplete_expired", "canceled", "paused", "past_due").getOrDefault(stripe,
                Entitlements.STATUSES.contains(stripe) ? stripe : "none");
    }

    private static String plan(JsonObject subscription) {
        JsonObject items = object(subscription, "items");
        if (items.get("data") instanceof JsonArray data && !data.isEmpty() && data.get(0) instanceof JsonObject item) {
            String price = text(object(item, "price"), "id");
            if (price != null) {
                return price;
            }
        }
        return text(object(subscription, "plan"), "id");
    }

    private static long number(JsonObject parent, String name, long fallback) {
        // Unix seconds: twelve digits reach the year 33658, and keep Instant far from its limits.
        return parent.get(name) instanceof JsonNumber value && value.isIntegral() && value.toString().matches("[0-9]{1,12}")
                ? value.longValue() : fallback;
    }
}
