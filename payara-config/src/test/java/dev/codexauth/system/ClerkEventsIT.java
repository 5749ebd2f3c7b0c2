package dev.codexauth.system;

import static dev.codexauth.system.People.activeToken;
import static dev.codexauth.system.People.call;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clerk's events about people leaving (docs/identity.md "Clerk webhooks"), signed as Clerk sends them through Svix, on
 * the shared server: what a person held in a workspace stops working the moment Clerk says they left it.
 */
class ClerkEventsIT {

    @Test
    void aMemberRemovedFromAnOrganizationLosesTheTokensMintedThereAndNothingElse() {
        String leaver = People.unique("user");
        String colleague = People.unique("user");
        String org = People.unique("org");
        String elsewhere = People.unique("org");
        String leaversToken = activeToken(leaver, org);
        String leaversOtherToken = activeToken(leaver, elsewhere);
        String colleaguesToken = activeToken(colleague, org);
        assertThat(call(leaversToken, "GET", "/api/v1/me", null).status()).isEqualTo(200);

        String removal = membershipEvent("organizationMembership.deleted", org, leaver, Instant.now().toEpochMilli());
        HttpResult applied = People.clerk(removal, "msg_" + People.unique("removal"), Instant.now().getEpochSecond(), People.CLERK_SECRET);

        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.data().getString("result")).isEqualTo("applied");
        HttpResult refused = call(leaversToken, "GET", "/api/v1/me", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().getString("message")).contains("revoked");
        assertThat(call(leaversOtherToken, "GET", "/api/v1/me", null).status()).as("a token of another workspace").isEqualTo(200);
        assertThat(call(colleaguesToken, "GET", "/api/v1/me", null).status()).as("a colleague's token").isEqualTo(200);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM workspace_members m JOIN people p ON p.id = m.person_id WHERE p.clerk_user_id = '"
                + leaver + "' AND m.workspace_id = " + People.workspaceId(org))).isEqualTo(0L);
        assertThat(Fleet.scalar("SELECT revoked_by FROM llm_tokens t JOIN people p ON p.id = t.person_id WHERE p.clerk_user_id = '"
                + leaver + "' AND t.workspace_id = " + People.workspaceId(org))).isEqualTo("clerk:membership_deleted");
    }

    @Test
    void aRetryDeliveredAfterThePersonWasInvitedBackLeavesTheirNewTokens() throws InterruptedException {
        String user = People.unique("user");
        String org = People.unique("org");
        String before = activeToken(user, org);
        // Token times are kept to the second, and one minted in the event's second counts as before it.
        Thread.sleep(1100);
        long removedAt = Instant.now().toEpochMilli();
        Thread.sleep(1100);
        String after = activeToken(user, org);

        HttpResult late = People.clerk(membershipEvent("organizationMembership.deleted", org, user, removedAt));

        assertThat(late.data().getString("result")).isEqualTo("applied");
        assertThat(call(before, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(call(after, "GET", "/api/v1/me", null).status()).as("minted after Clerk raised the event").isEqualTo(200);
    }

    @Test
    void aBrowserSignInApprovedBeforeTheRemovalYieldsNoToken() {
        String user = People.unique("user");
        String org = People.unique("org");
        activeToken(user, org);
        JsonObject started = call(null, "POST", "/xo-auth/start", Fleet.json("client", "cdx")).json();
        String id = started.getString("auth_session_id");
        HttpResult approved = call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        People.clerk(membershipEvent("organizationMembership.deleted", org, user, Instant.now().toEpochMilli()));

        HttpResult consumed = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token",
                started.getString("poll_token")));
        assertThat(consumed.status()).as(consumed.body()).isEqualTo(403);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM llm_tokens t JOIN people p ON p.id = t.person_id WHERE p.clerk_user_id = '" + user
                + "'")).as("only the token minted before").isEqualTo(1L);
    }

    @Test
    void aDeletedUserOrOrganizationLosesEveryToken() {
        String user = People.unique("user");
        String colleague = People.unique("user");
        String org = People.unique("org");
        String own = activeToken(user, org);
        String ownElsewhere = activeToken(user, People.unique("org"));
        String colleagues = activeToken(colleague, org);

        HttpResult userDeleted = People.clerk("{\"type\":\"user.deleted\",\"object\":\"event\",\"data\":{\"deleted\":true,\"id\":\"" + user
                + "\",\"object\":\"user\"}}");
        assertThat(userDeleted.data().getString("reason")).startsWith("2 token(s)");
        assertThat(call(own, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(call(ownElsewhere, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(call(colleagues, "GET", "/api/v1/me", null).status()).isEqualTo(200);

        HttpResult organizationDeleted = People.clerk("{\"type\":\"organization.deleted\",\"data\":{\"deleted\":true,\"id\":\"org_" + org
                + "\",\"object\":\"organization\"}}");
        assertThat(organizationDeleted.data().getString("result")).isEqualTo("applied");
        assertThat(call(colleagues, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = " + People.workspaceId(org))).isEqualTo(0L);
    }

    @Test
    void aRoleChangeIsKeptAndOtherEventsAreAcknowledged() {
        String user = People.unique("user");
        String org = People.unique("org");
        activeToken(user, org);

        People.clerk(membershipEvent("organizationMembership.updated", org, user, Instant.now().toEpochMilli())
                .replace("org:admin", "org:member"));
        HttpResult other = People.clerk("{\"type\":\"session.created\",\"data\":{\"id\":\"sess_1\",\"user_id\":\"" + user + "\"}}");

        assertThat(Fleet.scalar("SELECT m.role FROM workspace_members m JOIN people p ON p.id = m.person_id WHERE p.clerk_user_id = '"
                + user + "'")).isEqualTo("member");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.data().getString("result")).isEqualTo("ignored");
    }

    @Test
    void onlyASignedFreshDeliveryIsAppliedAndOnce() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org);
        String removal = membershipEvent("organizationMembership.deleted", org, user, Instant.now().toEpochMilli());
        long now = Instant.now().getEpochSecond();

        HttpResult forged = People.clerk(removal, "msg_forged", now, "whsec_" + "b3RoZXIgc2VjcmV0");
        HttpResult captured = People.clerk(removal, "msg_captured", now - 301, People.CLERK_SECRET);
        HttpResult unsigned = RawHttp.send("127.0.0.1", Fleet.server().port(), "POST", "/api/v1/identity/clerk/webhook",
                Map.of("Content-Type", "application/json"), removal);

        for (HttpResult refused : new HttpResult[] {forged, captured, unsigned}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().getString("code")).isEqualTo("invalid_signature");
        }
        assertThat(call(token, "GET", "/api/v1/me", null).status()).isEqualTo(200);

        String messageId = "msg_" + People.unique("once");
        assertThat(People.clerk(removal, messageId, now, People.CLERK_SECRET).data().getString("result")).isEqualTo("applied");
        assertThat(People.clerk(removal, messageId, now, People.CLERK_SECRET).data().getString("result")).isEqualTo("replayed");
        HttpResult notAnEvent = People.clerk("[1, 2]");
        assertThat(notAnEvent.status()).isEqualTo(400);
        assertThat(notAnEvent.json().getString("code")).isEqualTo("invalid_event");
    }

    /** An {@code organizationMembership.*} event as Clerk sends it, for {@code user} in the organization {@code org_<slug>}. */
    private static String membershipEvent(String type, String slug, String user, long raisedMillis) {
        return "{\"type\":\"" + type + "\",\"object\":\"event\",\"timestamp\":" + raisedMillis + ",\"data\":{\"id\":\"orgmem_1\","
                + "\"object\":\"organization_membership\",\"role\":\"org:admin\",\"organization\":{\"id\":\"org_" + slug + "\",\"slug\":\""
                + slug + "\"},\"public_user_data\":{\"user_id\":\"" + user + "\",\"identifier\":\"" + user + "@example.com\"}}}";
    }
}
