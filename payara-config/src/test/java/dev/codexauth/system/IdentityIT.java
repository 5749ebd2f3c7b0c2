package dev.codexauth.system;

import static dev.codexauth.system.People.activeToken;
import static dev.codexauth.system.People.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * People sign in with Clerk, mint install tokens and use them (spec/identity.md), on the shared server configured
 * with a test Clerk instance ({@link ClerkStub}) and a Stripe webhook secret.
 */
class IdentityIT {

    @Test
    void aWorkspaceWithoutASubscriptionCannotMintAndAnActiveOneCan() {
        String org = People.unique("org");
        String session = People.session(People.unique("user"), org);
        HttpResult refused = call(session, "POST", "/api/v1/llm-tokens", Fleet.json("label", "laptop"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("code")).isEqualTo("entitlement_inactive");

        People.entitle(org, "trialing");
        HttpResult minted = call(session, "POST", "/api/v1/llm-tokens", Fleet.json("label", "laptop"));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        String token = minted.data().getString("token");
        assertThat(token).matches("xwllm_[A-Za-z0-9_-]{43}");
        assertThat(minted.data().getJsonArray("scopes").toString()).contains("api:read", "api:write", "mcp").doesNotContain("hosts:enroll");

        HttpResult me = call(token, "GET", "/api/v1/me", null);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.data().getString("workspace")).isEqualTo(org);
        assertThat(me.data().getString("authenticated_by")).isEqualTo("install_token");
    }

    @Test
    void anOrganizationTakingASlugAnotherOrganizationHeldGetsAWorkspaceOfItsOwn() {
        String slug = People.unique("acme");
        Fleet.server();
        String first = ClerkStub.shared().sessionToken(People.unique("user"), "org_first_" + slug, slug);
        String second = ClerkStub.shared().sessionToken(People.unique("user"), "org_second_" + slug, slug);

        HttpResult firstMe = call(first, "GET", "/api/v1/me", null);
        HttpResult secondMe = call(second, "GET", "/api/v1/me", null);

        assertThat(firstMe.status()).as(firstMe.body()).isEqualTo(200);
        assertThat(secondMe.status()).as(secondMe.body()).isEqualTo(200);
        assertThat(firstMe.data().getString("workspace")).isEqualTo(slug);
        assertThat(secondMe.data().getString("workspace")).startsWith(slug).isNotEqualTo(slug);
        assertThat(call(second, "GET", "/api/v1/me", null).data().getString("workspace")).as("the second sign-in finds it again")
                .isEqualTo(secondMe.data().getString("workspace"));
        assertThat(Fleet.scalar("SELECT COUNT(DISTINCT id) FROM workspaces WHERE clerk_org_id IN ('org_first_" + slug + "', 'org_second_"
                + slug + "')")).isEqualTo(2L);
    }

    @Test
    void aPersonWithoutAnOrganizationIsNeverPutInAnOrganizationsWorkspaceOfTheSameName() {
        String user = People.unique("user");
        Fleet.server();
        HttpResult organization = call(ClerkStub.shared().sessionToken(People.unique("user"), "org_" + user, user), "GET", "/api/v1/me", null);
        assertThat(organization.status()).as(organization.body()).isEqualTo(200);

        HttpResult personal = call(ClerkStub.shared().personalSessionToken(user), "GET", "/api/v1/me", null);

        assertThat(personal.status()).as(personal.body()).isEqualTo(409);
        assertThat(personal.json().getString("code")).isEqualTo("workspace_slug_taken");
    }

    @Test
    void answersCarryingASecretAreNotStoredByCaches() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org, "api:read", "hosts:enroll");
        HttpResult minted = call(People.session(user, org), "POST", "/api/v1/llm-tokens", Fleet.json("label", "cache test"));
        HttpResult pill = call(token, "POST", "/api/v1/pill", null);
        String fqdn = People.unique("cache").replace('_', '-') + ".people.test";
        HttpResult enrolled = call(token, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", fqdn));

        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        assertThat(minted.header("Cache-Control")).as("the minted token").contains("no-store");
        assertThat(pill.status()).as(pill.body()).isEqualTo(200);
        assertThat(pill.header("Cache-Control")).as("the pill holds the token").contains("no-store");
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.header("Cache-Control")).as("the installer command").contains("no-store");
    }

    @Test
    void theTokenIsShownOnceAndNeverStoredOrLogged() throws Exception {
        long logStart = Fleet.server().logLength();
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org);
        call(token, "GET", "/api/v1/me", null);

        HttpResult list = call(People.session(user, org), "GET", "/api/v1/llm-tokens", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token).contains(token.substring(0, 12));
        assertThat(Fleet.server().logSince(logStart)).doesNotContain(token);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM llm_tokens WHERE token_hash = SHA2('" + token + "', 256)")).isEqualTo(1L);
        assertThat(databaseDump()).doesNotContain(token.substring(6));
    }

    @Test
    void aRevokedTokenIsRefusedAtTheNextRequest() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org);
        long id = call(token, "GET", "/api/v1/me", null).data().getJsonNumber("token_id").longValue();

        HttpResult revoked = call(People.session(user, org), "DELETE", "/api/v1/llm-tokens/" + id, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.data().getBoolean("active")).isFalse();

        HttpResult after = call(token, "GET", "/api/v1/me", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().getString("code")).isEqualTo("invalid_token");
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() {
        String token = activeToken(People.unique("user"), People.unique("org"));
        long id = call(token, "GET", "/api/v1/me", null).data().getJsonNumber("token_id").longValue();
        String stranger = activeToken(People.unique("user"), People.unique("org"));
        assertThat(call(stranger, "DELETE", "/api/v1/llm-tokens/" + id, null).status()).isEqualTo(404);
        assertThat(call(token, "GET", "/api/v1/me", null).status()).isEqualTo(200);
    }

    @Test
    void badBearersGetClearJsonErrors() {
        HttpResult none = call(null, "GET", "/api/v1/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().getString("code")).isEqualTo("authentication_required");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(call("xwllm_" + "A".repeat(43), "GET", "/api/v1/me", null).json().getString("code")).isEqualTo("invalid_token");
        assertThat(call("eyJhbGciOiJub25lIn0.e30.", "GET", "/api/v1/me", null).json().getString("code")).isEqualTo("invalid_session_token");
        assertThat(call("x".repeat(6000), "GET", "/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void scopesLimitWhatATokenDoes() {
        String org = People.unique("org");
        String reader = activeToken(People.unique("user"), org, "api:read");
        HttpResult write = call(reader, "POST", "/api/v1/tasks", Fleet.json("title", "ship it"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().getString("code")).isEqualTo("insufficient_scope");

        String writer = activeToken(People.unique("user"), org);
        HttpResult created = call(writer, "POST", "/api/v1/tasks", Fleet.json("title", "ship it"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.data().getJsonNumber("id").longValue();
        assertThat(call(reader, "GET", "/api/v1/tasks", null).data().getJsonArray("tasks")).hasSize(1);
        HttpResult done = call(writer, "PATCH", "/api/v1/tasks/" + id, Fleet.json("status", "done"));
        assertThat(done.data().getString("status")).isEqualTo("done");
        assertThat(call(writer, "PATCH", "/api/v1/tasks/" + id, Fleet.json("status", "finished")).status()).isEqualTo(422);
        String otherWorkspace = activeToken(People.unique("user"), People.unique("org"));
        assertThat(call(otherWorkspace, "GET", "/api/v1/tasks/" + id, null).status()).isEqualTo(404);
        assertThat(call(writer, "DELETE", "/api/v1/tasks/" + id, null).status()).isEqualTo(200);
    }

    @Test
    void aPersonEnrolsAHostAndCannotTakeOverAnother() {
        String org = People.unique("org");
        String enroller = activeToken(People.unique("user"), org, "hosts:enroll");
        String fqdn = People.unique("laptop").replace('_', '-') + ".people.test";
        HttpResult enrolled = call(enroller, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", fqdn));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.data().getString("installer_command")).contains("/install/");
        HttpResult again = call(enroller, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", fqdn));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.data().getBoolean("created")).isFalse();
        HttpResult teammates = call(activeToken(People.unique("user"), org, "hosts:enroll"), "POST", "/api/v1/hosts/enroll",
                Fleet.json("fqdn", fqdn));
        assertThat(teammates.status()).as("a new installer carries the host's key: " + teammates.body()).isEqualTo(409);
        assertThat(teammates.json().getString("code")).isEqualTo("host_enrolled_by_another");

        Fleet.HostKey adminHost = Fleet.newHost();
        HttpResult takeover = call(enroller, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", adminHost.fqdn()));
        assertThat(takeover.status()).isEqualTo(409);
        HttpResult spelledWithADot = call(enroller, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", adminHost.fqdn().toUpperCase() + "."));
        assertThat(spelledWithADot.status()).as("the same host: " + spelledWithADot.body()).isEqualTo(409);
        assertThat(spelledWithADot.body()).doesNotContain("/install/");
        String plain = activeToken(People.unique("user"), People.unique("org"));
        assertThat(call(plain, "POST", "/api/v1/hosts/enroll", Fleet.json("fqdn", "x.people.test")).status()).isEqualTo(403);
    }

    @Test
    void stripeEventsSetTheEntitlementOnceAndInOrder() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org);
        String customer = "cus_" + org;
        long now = Instant.now().getEpochSecond();

        String pastDue = People.subscriptionEvent("evt_" + org + "_2", "customer.subscription.updated", now, customer, "past_due", org);
        HttpResult applied = People.stripe(pastDue);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.data().getString("result")).isEqualTo("applied");
        HttpResult refused = call(token, "GET", "/api/v1/me", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("code")).isEqualTo("entitlement_inactive");

        String older = People.subscriptionEvent("evt_" + org + "_1", "customer.subscription.created", now - 60, customer, "active", org);
        assertThat(People.stripe(older).data().getString("result")).isEqualTo("stale");
        assertThat(People.stripe(pastDue).data().getString("result")).isEqualTo("replayed");
        assertThat(call(token, "GET", "/api/v1/me", null).status()).isEqualTo(403);

        String renewed = People.subscriptionEvent("evt_" + org + "_3", "customer.subscription.updated", now + 1, customer, "active", "ignored");
        assertThat(People.stripe(renewed).data().getString("result")).isEqualTo("applied");
        assertThat(call(token, "GET", "/api/v1/me", null).status()).isEqualTo(200);
        JsonObject workspace = workspace(org);
        assertThat(workspace.getString("stripe_customer_id")).isEqualTo(customer);
        assertThat(workspace.getString("plan")).isEqualTo("price_team");
    }

    @Test
    void stripeWebhooksWithoutAGoodSignatureChangeNothing() {
        long now = Instant.now().getEpochSecond();
        String event = People.subscriptionEvent("evt_bad_" + now, "customer.subscription.updated", now, "cus_x", "active", "x");
        assertThat(People.stripe(event, now, "whsec_wrong").status()).isEqualTo(400);
        assertThat(People.stripe(event, now - 400, People.STRIPE_SECRET).json().getString("code")).isEqualTo("invalid_signature");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM stripe_events WHERE event_id = 'evt_bad_" + now + "'")).isEqualTo(0L);
        String unknown = "{\"id\":\"evt_other_" + now + "\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}";
        HttpResult ignored = People.stripe(unknown);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.data().getString("result")).isEqualTo("ignored");
    }

    @Test
    void adminsSeePeopleAndRevokeAnyToken() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = activeToken(user, org);
        long id = call(token, "GET", "/api/v1/me", null).data().getJsonNumber("token_id").longValue();
        assertThat(Fleet.viewer("GET", "/admin/api/people", null).body()).contains(user);
        assertThat(Fleet.viewer("DELETE", "/admin/api/llm-tokens/" + id, null).status()).isEqualTo(403);
        HttpResult revoked = Fleet.admin("DELETE", "/admin/api/llm-tokens/" + id, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(call(token, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=llm_token.revoke", null).body()).contains("\"target_id\":\"" + id + "\"");
        assertThat(Fleet.admin("GET", "/admin/api/llm-tokens", null).body()).doesNotContain(token);
    }

    @Test
    void theRealCodexImportsThePill() throws Exception {
        String token = activeToken(People.unique("user"), People.unique("org"));
        HttpResult pill = call(token, "POST", "/api/v1/pill", null);
        assertThat(pill.status()).as(pill.body()).isEqualTo(200);
        JsonObject data = pill.data();
        String base = "http://127.0.0.1:" + Fleet.server().port();
        assertThat(data.getString("openapi_url")).isEqualTo(base + "/openapi");
        assertThat(data.getJsonObject("auth").getString("token")).isEqualTo(token);
        assertThat(data.getJsonObject("mcp").getBoolean("available")).isTrue();
        HttpResult health = call(token, data.getJsonObject("health_check").getString("method"),
                data.getJsonObject("health_check").getString("url").substring(base.length()), null);
        assertThat(health.status()).isEqualTo(data.getJsonObject("health_check").getInt("expect_status"));

        Path home = Files.createTempDirectory("codex-home");
        Files.writeString(home.resolve("config.toml"), data.getJsonObject("codex").getString("config_toml"));
        ProcessBuilder codex = new ProcessBuilder(List.of(RealCodex.cli().toString(), "mcp", "list", "--json")).redirectErrorStream(true);
        codex.environment().put("CODEX_HOME", home.toString());
        codex.environment().put("CODEX_AUTH_CENTRAL_TOKEN", token);
        Process listed = codex.start();
        String output = new String(listed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(listed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(listed.exitValue()).as(output).isZero();
        assertThat(output).contains("\"codex_auth_central\"", base + "/mcp", "CODEX_AUTH_CENTRAL_TOKEN").doesNotContain(token);
    }

    private static JsonObject workspace(String slug) {
        return Fleet.admin("GET", "/admin/api/workspaces", null).data().getJsonArray("workspaces").getValuesAs(JsonObject.class).stream()
                .filter(w -> w.getString("slug").equals(slug)).findFirst().orElseThrow();
    }

    private static String databaseDump() throws Exception {
        TestDatabase database = RunningServer.sharedDatabase();
        Process dump = new ProcessBuilder(List.of("mariadb-dump", "--protocol=tcp", "-h", TestDatabase.host(), "-P", String.valueOf(TestDatabase.port()),
                "-u", database.user(), "--password=" + database.password(), database.name())).redirectErrorStream(true).start();
        String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(output).isZero();
        assertThat(output).contains("llm_tokens");
        return output;
    }
}
