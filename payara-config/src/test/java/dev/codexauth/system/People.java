package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.identity.control.StripeSignature;
import dev.codexauth.identity.control.SvixSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** People's side of the identity plane in tests: their calls, their workspaces' entitlements, Stripe's and Clerk's events. */
final class People {

    static final String STRIPE_SECRET = "whsec_fleet_test_0123456789";
    /** Clerk's secrets are base64 after whsec_, as its dashboard shows them. */
    static final String CLERK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("clerk fleet test secret".getBytes(StandardCharsets.UTF_8));
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private People() {
    }

    /** A fresh user and organization name, so tests do not share workspaces. */
    static String unique(String prefix) {
        return prefix + "_" + System.nanoTime() % 1_000_000_000L + "_" + NEXT.getAndIncrement();
    }

    static HttpResult call(RunningServer node, String bearer, String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        // Each call as its own client behind the trusted proxy: the shared server's global per-IP limit is for hosts.
        headers.put("X-Forwarded-For", Fleet.freshIp());
        return RawHttp.send(Fleet.TRUSTED_PROXY, node.port(), method, path, headers, body);
    }

    static HttpResult call(String bearer, String method, String path, String body) {
        return call(Fleet.server(), bearer, method, path, body);
    }

    /** The id of the workspace with this slug (it exists once a member signed in). */
    static long workspaceId(String slug) {
        return (Long) Fleet.scalar("SELECT id FROM workspaces WHERE slug = '" + slug + "'");
    }

    static void entitle(String slug, String status) {
        HttpResult set = Fleet.admin("PUT", "/admin/api/workspaces/" + workspaceId(slug) + "/entitlement", Fleet.json("status", status));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    /** A Clerk session token of {@code user} in {@code organization}, minted once the server runs (it starts slowly). */
    static String session(String user, String organization) {
        Fleet.server();
        return ClerkStub.shared().sessionToken(user, organization);
    }

    /** Signs in as {@code user} of {@code organization}, makes the workspace active and mints a token with these scopes. */
    static String activeToken(String user, String organization, String... scopes) {
        String session = session(user, organization);
        HttpResult me = call(session, "GET", "/api/v1/me", null);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        entitle(organization, "active");
        String body = scopes.length == 0 ? Fleet.json("label", "test token")
                : "{\"label\":\"test token\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}";
        HttpResult minted = call(session, "POST", "/api/v1/llm-tokens", body);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        return minted.data().getString("token");
    }

    /** Delivers a Stripe event signed as Stripe would, now. */
    static HttpResult stripe(String payload) {
        return stripe(payload, Instant.now().getEpochSecond(), STRIPE_SECRET);
    }

    static HttpResult stripe(String payload, long timestamp, String secret) {
        String signature = "t=" + timestamp + ",v1=" + StripeSignature.sign(secret, timestamp, payload.getBytes(StandardCharsets.UTF_8));
        return RawHttp.send("127.0.0.1", Fleet.server().port(), "POST", "/api/v1/billing/stripe/webhook",
                Map.of("Content-Type", "application/json", "Stripe-Signature", signature), payload);
    }

    static String subscriptionEvent(String eventId, String type, long created, String customer, String status, String workspace) {
        return "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"created\":" + created + ",\"data\":{\"object\":{\"id\":\"sub_" + eventId
                + "\",\"customer\":\"" + customer + "\",\"status\":\"" + status + "\",\"current_period_end\":" + (created + 2_592_000)
                + ",\"items\":{\"data\":[{\"price\":{\"id\":\"price_team\"}}]},\"metadata\":{\"workspace_id\":\"" + workspace + "\"}}}}";
    }

    /** Delivers a Clerk event signed as Clerk (through Svix) would, now, as a new message. */
    static HttpResult clerk(String payload) {
        return clerk(payload, "msg_" + unique("clerk"), Instant.now().getEpochSecond(), CLERK_SECRET);
    }

    static HttpResult clerk(String payload, String messageId, long timestamp, String secret) {
        String signature = SvixSignature.sign(secret, messageId, timestamp, payload.getBytes(StandardCharsets.UTF_8));
        return RawHttp.send("127.0.0.1", Fleet.server().port(), "POST", "/api/v1/identity/clerk/webhook", Map.of("Content-Type",
                "application/json", "svix-id", messageId, "svix-timestamp", Long.toString(timestamp), "svix-signature", signature), payload);
    }
}
