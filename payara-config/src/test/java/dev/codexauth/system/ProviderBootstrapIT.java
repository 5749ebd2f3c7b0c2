package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
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
        Map<String, String> query = Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
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
    void theCodexDeviceSignInBecomesTheCanonicalAuth() throws Exception {
        HttpResult started = Fleet.admin("POST", "/admin/api/providers/codex/setup", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.data().getString("user_code")).isEqualTo("ABCD-1234");
        String session = started.data().getString("session_id");
        Thread.sleep(3000);
        assertThat(progress(session)).isEqualTo("pending");
        assertThat(ProviderStub.shared().devicePolls()).isPositive();

        ProviderStub.shared().enterUserCode();
        String status = "pending";
        for (int i = 0; i < 60 && status.equals("pending"); i++) {
            Thread.sleep(500);
            status = progress(session);
        }
        assertThat(status).isEqualTo("succeeded");
        JsonObject codex = Fleet.direct("GET", "/api/codex/status", Map.of(), null).data();
        assertThat(codex.getBoolean("authenticated")).isTrue();
        assertThat(codex.getString("expires_at")).isNotNull();
        HttpResult retrieved = Fleet.host(Fleet.freshIp(), "POST", "/auth",
                Fleet.newHost().key(), Fleet.json("command", "retrieve", "digest", "0".repeat(64), "last_refresh", "2020-01-01T00:00:00Z"));
        assertThat(retrieved.body()).contains(ProviderStub.CODEX_ACCOUNT);
        Fleet.forgetCanonical();
    }

    private static String progress(String session) {
        return Fleet.admin("GET", "/admin/api/providers/codex/setup/" + session, null).data().getString("status");
    }
}
