package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fleet's Claude Code and Codex credentials obtained by the admins' sign-ins (seed 002 §2-4), against stand-ins of
 * the providers' endpoints ({@link ProviderStub}), and handed to hosts.
 */
class ProviderBootstrapIT {

    @Test
    void theClaudeSignInStoresTheTokenHostsThenFetchOnce() {
        HttpResult started = Fleet.admin("POST", "/admin/api/providers/claude/setup-token", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String url = started.data().getString("authorize_url");
        Map<String, String> query = queryOf(url);
        assertThat(query).containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code").containsKey("state");
        String code = ProviderStub.shared().codeFor(query.get("code_challenge"));

        HttpResult wrongState = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", started.data().getString("session_id"), "code", code + "#not-the-state"));
        assertThat(wrongState.status()).isEqualTo(400);
        HttpResult stored = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", started.data().getString("session_id"), "code", code + "#" + query.get("state")));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.body()).doesNotContain(ProviderStub.CLAUDE_TOKEN);
        HttpResult again = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", started.data().getString("session_id"), "code", code));
        assertThat(again.status()).isEqualTo(409);

        assertThat(Fleet.direct("GET", "/api/claude/status", Map.of(), null).data().getBoolean("authenticated")).isTrue();
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        JsonObject first = Fleet.host(ip, "POST", "/claude/retrieve", host.key(), "{}").data();
        assertThat(first.getString("status")).isEqualTo("ok");
        assertThat(first.getString("token")).isEqualTo(ProviderStub.CLAUDE_TOKEN);
        JsonObject second = Fleet.host(ip, "POST", "/claude/retrieve", host.key(), Fleet.json("sha256", first.getString("sha256"))).data();
        assertThat(second.getString("status")).isEqualTo("unchanged");
        assertThat(second.isNull("token")).isTrue();
        assertThat(Fleet.host(ip, "POST", "/claude/retrieve", "f".repeat(64), "{}").status()).isEqualTo(401);
        assertThat(Fleet.admin("GET", "/admin/api/providers", null).body()).doesNotContain(ProviderStub.CLAUDE_TOKEN);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM provider_credentials WHERE payload_enc LIKE '%" + ProviderStub.CLAUDE_TOKEN + "%'"))
                .isEqualTo(0L);
    }

    @Test
    void aRefusedClaudeCodeOrVerifierIsTheAdminsErrorAndABrokenTokenEndpointIsTheProviders() {
        HttpResult started = Fleet.admin("POST", "/admin/api/providers/claude/setup-token", null);
        String session = started.data().getString("session_id");
        HttpResult refused = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", session, "code", "code-nobody-issued"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_code").contains("invalid_grant");
        assertThat(Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", session, "code", "code-nobody-issued")).status()).as("a code is tried once").isEqualTo(409);

        HttpResult second = Fleet.admin("POST", "/admin/api/providers/claude/setup-token", null);
        String challenge = challengeOf(second);
        HttpResult third = Fleet.admin("POST", "/admin/api/providers/claude/setup-token", null);
        HttpResult otherVerifier = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                Fleet.json("session_id", third.data().getString("session_id"), "code", ProviderStub.shared().codeFor(challenge)));
        assertThat(otherVerifier.status()).as("a code issued to another sign-in fails its PKCE check: " + otherVerifier.body()).isEqualTo(400);
        assertThat(otherVerifier.body()).contains("invalid_code");

        ProviderStub.shared().claudeTokenFails(true);
        try {
            HttpResult broken = Fleet.admin("POST", "/admin/api/providers/claude/setup-token/callback",
                    Fleet.json("session_id", second.data().getString("session_id"), "code", ProviderStub.shared().codeFor(challenge)));
            assertThat(broken.status()).as(broken.body()).isEqualTo(502);
            assertThat(broken.body()).contains("upstream_failed").contains("500");
        } finally {
            ProviderStub.shared().claudeTokenFails(false);
        }
    }

    @Test
    void theCodexDeviceSignInBecomesTheCanonicalAuth() throws Exception {
        HttpResult started = Fleet.admin("POST", "/admin/api/providers/codex/setup", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.data().getString("user_code")).matches("ABCD-[0-9]{4}");
        assertThat(started.data().getInt("interval")).isEqualTo(1);
        String session = started.data().getString("session_id");
        ProviderStub.DeviceFlow device = ProviderStub.shared().device(started.data().getString("user_code"));
        Thread.sleep(3000);
        assertThat(progress(session).getString("status")).isEqualTo("pending");
        assertThat(device.polls()).isNotEmpty();

        device.enter();
        assertThat(awaitEnd(session).getString("status")).isEqualTo("succeeded");
        JsonObject codex = Fleet.direct("GET", "/api/codex/status", Map.of(), null).data();
        assertThat(codex.getBoolean("authenticated")).isTrue();
        assertThat(codex.getString("expires_at")).isNotNull();
        HttpResult retrieved = Fleet.host(Fleet.freshIp(), "POST", "/auth",
                Fleet.newHost().key(), Fleet.json("command", "retrieve", "digest", "0".repeat(64), "last_refresh", "2020-01-01T00:00:00Z"));
        assertThat(retrieved.body()).contains(ProviderStub.CODEX_ACCOUNT);
        Fleet.forgetCanonical();
    }

    @Test
    void theCodexSignInSlowsDownAndRidesOutProviderFailuresUntilTheCodeIsEntered() throws Exception {
        ProviderStub.shared().failNextStarts(1);
        HttpResult unavailable = Fleet.admin("POST", "/admin/api/providers/codex/setup", null);
        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(502);
        assertThat(unavailable.body()).contains("upstream_failed").contains("503");

        JsonObject started = Fleet.admin("POST", "/admin/api/providers/codex/setup", null).data();
        ProviderStub.DeviceFlow device = ProviderStub.shared().device(started.getString("user_code"));
        device.answerNext(400, "{\"error\":\"slow_down\"}");
        device.answerNext(503, "{\"error\":\"temporarily_unavailable\"}");
        device.answerNext(502, "not json at all");
        awaitPolls(device, 4);
        assertThat(progress(started.getString("session_id")).getString("status")).as("provider failures are retried").isEqualTo("pending");
        List<Long> polls = device.polls();
        // 6 s planned, against 1 s before the slow_down; the stub's arrival times have shown 5,026 ms on a loaded machine.
        assertThat(polls.get(1) - polls.get(0)).as("after slow_down the interval grows from 1 s by 5 s").isGreaterThanOrEqualTo(4_000);
        assertThat(polls.get(2) - polls.get(1)).as("the longer interval is kept").isGreaterThanOrEqualTo(4_000);

        device.enter();
        assertThat(awaitEnd(started.getString("session_id")).getString("status")).isEqualTo("succeeded");
        Fleet.forgetCanonical();
    }

    @Test
    void aDeclinedAnExpiredAndAnUnenteredCodexSignInEndWithoutAChange() throws Exception {
        Object versions = Fleet.scalar("SELECT COUNT(*) FROM auth_payloads");
        JsonObject declined = Fleet.admin("POST", "/admin/api/providers/codex/setup", null).data();
        ProviderStub.shared().device(declined.getString("user_code")).deny();
        JsonObject declinedEnd = awaitEnd(declined.getString("session_id"));
        assertThat(declinedEnd.getString("status")).isEqualTo("failed");
        assertThat(declinedEnd.getString("detail")).contains("declined");
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=provider.codex.setup_end", null).body())
                .as("the end of the flow is audited").contains(declined.getString("session_id")).contains("declined");

        JsonObject lapsed = Fleet.admin("POST", "/admin/api/providers/codex/setup", null).data();
        ProviderStub.shared().device(lapsed.getString("user_code")).expire();
        JsonObject lapsedEnd = awaitEnd(lapsed.getString("session_id"));
        assertThat(lapsedEnd.getString("status")).isEqualTo("expired");
        assertThat(lapsedEnd.getString("detail")).contains("expired_token");

        ProviderStub.shared().expiresInOnce(5);
        JsonObject unentered = Fleet.admin("POST", "/admin/api/providers/codex/setup", null).data();
        assertThat(unentered.getInt("expires_in")).isEqualTo(5);
        JsonObject unenteredEnd = awaitEnd(unentered.getString("session_id"));
        assertThat(unenteredEnd.getString("status")).isEqualTo("expired");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM auth_payloads")).as("no new auth.json").isEqualTo(versions);
        assertThat(Fleet.admin("GET", "/admin/api/providers/codex/setup/" + "0".repeat(32), null).status()).isEqualTo(404);
    }

    @Test
    void theSeedsRootRoutesTakeAnAdminTokenAndAnswerAsItsClientsExpect() throws Exception {
        HttpResult anonymous = Fleet.direct("POST", "/claude/setup-token", Map.of(), null);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().getString("code")).isEqualTo("unauthenticated");
        assertThat(Fleet.withToken(Fleet.newHost().key(), "POST", "/codex/setup", null).status()).as("a host key is no admin token").isEqualTo(401);
        HttpResult viewer = Fleet.viewer("GET", "/debug/ai-auth", null);
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json().getString("detail")).contains("reads only");

        HttpResult started = Fleet.admin("POST", "/claude/setup-token", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().containsKey("status")).as("bare JSON, as seed 002's clients read it").isFalse();
        String session = started.json().getString("session_id");
        Map<String, String> query = queryOf(started.json().getString("authorize_url"));
        String code = ProviderStub.shared().codeFor(query.get("code_challenge")) + "#" + query.get("state");
        HttpResult stored = Fleet.admin("POST", "/claude/setup-token/callback", Fleet.json("session_id", session, "code", code));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().getBoolean("ok")).isTrue();
        assertThat(stored.body()).doesNotContain(ProviderStub.CLAUDE_TOKEN);
        HttpResult replayed = Fleet.admin("POST", "/claude/setup-token/callback", Fleet.json("session_id", session, "code", code));
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.json().getString("detail")).isNotBlank();

        HttpResult loaded = Fleet.admin("GET", "/debug/ai-auth", null);
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        assertThat(loaded.body()).doesNotContain(ProviderStub.CLAUDE_TOKEN).contains(stored.json().getString("fingerprint"))
                .contains("claude_code_oauth").contains("codex_auth");

        HttpResult codex = Fleet.admin("POST", "/codex/setup", null);
        assertThat(codex.status()).as(codex.body()).isEqualTo(200);
        assertThat(codex.json().getString("user_code")).matches("ABCD-[0-9]{4}");
        assertThat(codex.json().getString("verification_url")).isNotBlank();
        assertThat(codex.json().getInt("expires_in")).isPositive();
        ProviderStub.shared().device(codex.json().getString("user_code")).enter();
        String flow = codex.json().getString("session_id");
        assertThat(awaitEnd(flow).getString("status")).isEqualTo("succeeded");
        assertThat(Fleet.admin("GET", "/codex/setup/" + flow, null).json().getString("status")).isEqualTo("succeeded");
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=provider.codex.setup_start", null).body())
                .as("audited with the token's name").contains(flow).contains("token:");
        Fleet.forgetCanonical();
    }

    @Test
    void theMcpStatusCountsToolsAndTheLastCall() {
        McpClient client = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        client.call("memory_list", "{}");
        JsonObject status = Fleet.direct("GET", "/api/mcp/status", Map.of(), null).data();
        assertThat(status.getString("status")).isEqualTo("up");
        assertThat(status.getJsonArray("protocol_versions").getString(0)).isEqualTo("2025-11-25");
        int toolsListed = client.result("tools/list", null).getJsonArray("tools").size();
        assertThat(status.getInt("host_tools")).isEqualTo(toolsListed);
        assertThat(status.getInt("workspace_tools")).as("no file tools for workspaces").isLessThan(status.getInt("host_tools"));
        assertThat(status.getBoolean("file_tools")).isTrue();
        awaitLastCall();
    }

    private static String challengeOf(HttpResult started) {
        return java.util.Objects.requireNonNull(queryOf(started.data().getString("authorize_url")).get("code_challenge"), "code_challenge");
    }

    /** The raw (still encoded) parameters of an authorize URL. */
    private static Map<String, String> queryOf(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    private static void awaitLastCall() {
        for (int i = 0; i < 40; i++) {
            if (!Fleet.direct("GET", "/api/mcp/status", Map.of(), null).data().isNull("last_call_at")) {
                return;
            }
            pause(250);
        }
        throw new AssertionError("the MCP status never named a last call");
    }

    private static JsonObject progress(String session) {
        return Fleet.admin("GET", "/admin/api/providers/codex/setup/" + session, null).data();
    }

    /** Waits (up to a minute) until the sign-in is no longer pending. */
    static JsonObject awaitEnd(String session) {
        for (int i = 0; i < 120; i++) {
            JsonObject progress = progress(session);
            if (!"pending".equals(progress.getString("status"))) {
                return progress;
            }
            pause(500);
        }
        throw new AssertionError("the Codex sign-in " + session + " was still pending after a minute");
    }

    private static void awaitPolls(ProviderStub.DeviceFlow device, int count) {
        for (int i = 0; i < 120 && device.polls().size() < count; i++) {
            pause(500);
        }
        assertThat(device.polls()).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
