package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.BoundedJson;
import dev.codexauth.http.JsonLimits;
import dev.codexauth.ops.control.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.time.Instant;

/**
 * What Stripe's and Clerk's webhooks share once a delivery's signature verified: the body read as a JSON object, its
 * members read leniently (a missing or mistyped member is absent, since a provider adds and changes fields), and the
 * record that makes an event id count once.
 */
public final class WebhookEvents {

    /** The largest webhook body taken, before and after its signature is checked. */
    public static final int MAX_PAYLOAD_BYTES = 512 * 1024;

    private WebhookEvents() {
    }

    /** @throws ApiException 400 {@code invalid_event} when the body is not a JSON object naming its {@code type} */
    static JsonObject event(byte[] payload, String provider) {
        JsonValue parsed = BoundedJson.read(new ByteArrayInputStream(payload), JsonLimits.forBodiesUpTo(MAX_PAYLOAD_BYTES));
        if (!(parsed instanceof JsonObject event) || text(event, "type") == null) {
            throw new ApiException(400, "invalid_event", "The webhook body is not a " + provider + " event");
        }
        return event;
    }

    /**
     * Records the event id in {@code table} ({@code stripe_events} or {@code clerk_events}) in the caller's
     * transaction, so it commits with what the event changes; false when it was recorded before (a replay).
     */
    static boolean firstDelivery(EntityManager em, String table, String eventId, String type, Instant now) {
        return em.createNativeQuery("INSERT IGNORE INTO " + table + " (event_id, type, received_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, eventId).setParameter(2, type).setParameter(3, Timestamps.toUtcDateTime(now)).executeUpdate() == 1;
    }

    static JsonObject object(JsonObject parent, String name) {
        return parent != null && parent.get(name) instanceof JsonObject child ? child : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The member's text, or null when it is missing, not a string or blank. */
    static String text(JsonObject parent, String name) {
        return parent != null && parent.get(name) instanceof JsonString value && !value.getString().isBlank() ? value.getString() : null;
    }

    /** The first {@code max} characters, to fit a column. */
    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
