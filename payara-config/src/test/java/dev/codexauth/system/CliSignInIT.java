package dev.codexauth.system;

import static dev.codexauth.system.People.call;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

/** Browser sign-in for command-line clients (spec/identity.md, seed 002 §1) against the shared server. */
class CliSignInIT {

    @Test
    void aClientStartsAPersonApprovesAndTheClientGetsATokenOnce() {
        JsonObject started = start();
        String id = started.getString("auth_session_id");
        String poll = started.getString("poll_token");
        assertThat(started.getString("authorize_url")).endsWith("/signin?auth_session_id=" + id);
        assertThat(started.getInt("interval")).isEqualTo(5);
        assertThat(started.getInt("expires_in")).isEqualTo(600);

        HttpResult pending = call(null, "GET", "/xo-auth/status/" + id + "?poll_token=" + poll, null);
        assertThat(pending.json().getString("status")).isEqualTo("pending");
        HttpResult tooFast = call(null, "GET", "/xo-auth/status/" + id + "?poll_token=" + poll, null);
        assertThat(tooFast.status()).isEqualTo(429);
        assertThat(tooFast.json().getString("detail")).isEqualTo("slow_down");
        assertThat(tooFast.header("Retry-After")).isEqualTo("5");
        HttpResult early = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", poll));
        assertThat(early.status()).isEqualTo(425);

        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        HttpResult approved = call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().getString("status")).isEqualTo("approved");
        assertThat(approved.body()).doesNotContain(poll);

        HttpResult consumed = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", poll));
        assertThat(consumed.status()).as(consumed.body()).isEqualTo(200);
        String token = consumed.json().getString("access_token");
        assertThat(token).startsWith("xwllm_");
        assertThat(consumed.json().getString("user_id")).isEqualTo(user);

        HttpResult replay = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", poll));
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.json().getString("detail")).isEqualTo("already consumed");

        HttpResult whoami = call(token, "GET", "/xo-auth/whoami", null);
        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.json().getString("workspace")).isEqualTo(org);
        assertThat(whoami.json().getJsonArray("scopes").getValuesAs(JsonString::getString))
                .as("the default scopes: enrolling machines is asked for, not given").containsExactly("api:read", "api:write", "mcp");
        assertThat(call(token, "POST", "/xo-auth/logout", "{}").json().getBoolean("revoked")).isTrue();
        assertThat(call(token, "GET", "/xo-auth/whoami", null).status()).isEqualTo(401);
    }

    @Test
    void aDeniedOrUnknownSessionYieldsNothing() {
        JsonObject started = start();
        String id = started.getString("auth_session_id");
        String poll = started.getString("poll_token");
        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        assertThat(call(People.session(user, org), "POST", "/xo-auth/deny", Fleet.json("auth_session_id", id)).status()).isEqualTo(200);
        assertThat(call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id)).status()).isEqualTo(409);
        assertThat(call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", poll)).status()).isEqualTo(403);

        assertThat(call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", "wrong")).status()).isEqualTo(401);
        HttpResult unknown = call(null, "GET", "/xo-auth/status/" + "0".repeat(32) + "?poll_token=x", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("detail")).isEqualTo("unknown sign-in session");
        HttpResult missing = call(null, "POST", "/xo-auth/consume", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("detail")).contains("auth_session_id");
        assertThat(call(null, "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id)).status()).isEqualTo(401);
    }

    @Test
    void theStateShowsTheApprovalPageNoSecret() {
        JsonObject started = start();
        HttpResult state = call(null, "GET", "/xo-auth/state?auth_session_id=" + started.getString("auth_session_id"), null);
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().getString("client")).isEqualTo("cdx");
        assertThat(state.body()).doesNotContain(started.getString("poll_token"));
    }

    @Test
    void thePollTokenAndTheAccessTokenAreNotStoredByCaches() {
        HttpResult started = call(null, "POST", "/xo-auth/start", Fleet.json("client", "cdx"));
        String id = started.json().getString("auth_session_id");
        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        assertThat(call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id)).status()).isEqualTo(200);

        HttpResult consumed = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token",
                started.json().getString("poll_token")));

        assertThat(started.header("Cache-Control")).as("the poll token").contains("no-store");
        assertThat(consumed.status()).as(consumed.body()).isEqualTo(200);
        assertThat(consumed.header("Cache-Control")).as("the access token").contains("no-store");
    }

    @Test
    void theStateDoesNotNameWhoDecided() {
        String id = start().getString("auth_session_id");
        String user = People.unique("user");
        String org = People.unique("org");
        assertThat(call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id)).status()).isEqualTo(200);

        HttpResult state = call(null, "GET", "/xo-auth/state?auth_session_id=" + id, null);

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().getString("status")).isEqualTo("approved");
        assertThat(state.json()).doesNotContainKey("decided_by");
        assertThat(state.body()).doesNotContain(user);
    }

    @Test
    void aSignInThatAsksToEnrolMachinesSaysSoBeforeItIsApprovedAndGetsExactlyThat() {
        HttpResult started = call(null, "POST", "/xo-auth/start",
                "{\"client\":\"cdx installer\",\"scopes\":[\"mcp\",\"hosts:enroll\"]}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().getString("auth_session_id");
        String poll = started.json().getString("poll_token");

        JsonObject state = call(null, "GET", "/xo-auth/state?auth_session_id=" + id, null).json();
        assertThat(state.getJsonArray("scopes").getValuesAs(JsonString::getString)).containsExactly("hosts:enroll", "mcp");
        assertThat(state.getString("requested_from")).as("where the sign-in was started, for the person deciding").isNotBlank();

        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        assertThat(call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", id)).status()).isEqualTo(200);
        String token = call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", id, "poll_token", poll)).json()
                .getString("access_token");
        assertThat(call(token, "GET", "/xo-auth/whoami", null).json().getJsonArray("scopes").getValuesAs(JsonString::getString))
                .containsExactly("hosts:enroll", "mcp");
        assertThat(call(null, "POST", "/xo-auth/start", "{\"scopes\":[\"admin\"]}").status()).isEqualTo(422);
    }

    private static JsonObject start() {
        HttpResult started = call(null, "POST", "/xo-auth/start", Fleet.json("client", "cdx"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started.json();
    }
}
