package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatgptQuotaTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theUsageAnswerIsReadFieldByField() throws Exception {
        ChatgptUsageSnapshot s = ChatgptQuota.ok("{\"plan_type\":\"plus\",\"rate_limit\":{\"allowed\":true,\"limit_reached\":true,"
                + "\"primary_window\":{\"used_percent\":99.6,\"limit_window_seconds\":18000,\"reset_after_seconds\":120,\"reset_at\":1763900000},"
                + "\"secondary_window\":{\"used_percent\":-1,\"limit_window_seconds\":604800,\"reset_after_seconds\":-3,\"reset_at\":\"soon\"}},"
                + "\"credits\":{\"has_credits\":true,\"unlimited\":\"no\",\"balance\":12.5,\"approx_local_messages\":[1,2],"
                + "\"approx_cloud_messages\":\"3-4\"}}", NOW);

        assertThat(s.getStatus()).isEqualTo("ok");
        assertThat(s.getPlanType()).isEqualTo("plus");
        assertThat(s.getRateAllowed()).isTrue();
        assertThat(s.getRateLimitReached()).isTrue();
        assertThat(s.getPrimaryUsedPercent()).isEqualTo(100);
        assertThat(s.getPrimaryLimitSeconds()).isEqualTo(18000L);
        assertThat(s.getPrimaryResetAfterSeconds()).isEqualTo(120L);
        assertThat(s.getPrimaryResetAt()).isEqualTo("1763900000");
        assertThat(s.getSecondaryUsedPercent()).as("below zero").isNull();
        assertThat(s.getSecondaryResetAfterSeconds()).isNull();
        assertThat(s.getSecondaryResetAt()).isEqualTo("soon");
        assertThat(s.getHasCredits()).isTrue();
        assertThat(s.getUnlimited()).as("not a boolean").isNull();
        assertThat(s.getCreditBalance()).isEqualTo("12.5");
        assertThat(s.getApproxLocalMessages()).isEqualTo("[1,2]");
        assertThat(s.getApproxCloudMessages()).isEqualTo("3-4");
        assertThat(s.getFetchedAt()).isEqualTo(NOW);
        assertThat(s.getNextEligibleAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(s.getRaw()).startsWith("{\"plan_type\"");
    }

    @Test
    void missingMembersAreNull() throws Exception {
        ChatgptUsageSnapshot s = ChatgptQuota.ok("{}", NOW);

        assertThat(s.getStatus()).isEqualTo("ok");
        assertThat(s.getPlanType()).isNull();
        assertThat(s.getPrimaryUsedPercent()).isNull();
        assertThat(s.getHasCredits()).isNull();
    }

    @Test
    void anAnswerThatIsNotAnObjectIsUnreadable() {
        assertThatThrownBy(() -> ChatgptQuota.ok("<html>", NOW)).isInstanceOf(ChatgptQuota.Unreadable.class)
                .hasMessage("Invalid JSON response");
        assertThatThrownBy(() -> ChatgptQuota.ok("[]", NOW)).isInstanceOf(ChatgptQuota.Unreadable.class);
    }

    @Test
    void theScheduleWaitsTheIntervalAfterSuccessAndBacksOffAfterFailures() {
        assertThat(ChatgptUsageRefresh.due(List.of(), NOW, 3600)).isTrue();
        assertThat(ChatgptUsageRefresh.due(history("ok", 3599), NOW, 3600)).isFalse();
        assertThat(ChatgptUsageRefresh.due(history("ok", 3600), NOW, 3600)).isTrue();
        assertThat(ChatgptUsageRefresh.due(history("error", 299), NOW, 3600)).as("the cooldown holds").isFalse();
        assertThat(ChatgptUsageRefresh.due(history("error", 300), NOW, 3600)).as("60 s retry, after the cooldown").isTrue();
        assertThat(ChatgptUsageRefresh.due(history("error", 400, "error", "error", "error"), NOW, 3600)).as("4th failure: 480 s").isFalse();
        assertThat(ChatgptUsageRefresh.due(history("error", 480, "error", "error", "error", "ok"), NOW, 3600)).isTrue();
        assertThat(ChatgptUsageRefresh.due(history("error", 3599, "error", "error", "error", "error", "error", "error", "error"), NOW, 3600))
                .as("never longer than the interval").isFalse();
        assertThat(ChatgptUsageRefresh.due(history("error", 3600, "error", "error", "error", "error", "error", "error", "error"), NOW, 3600))
                .isTrue();
    }

    /** The newest snapshot fetched {@code agoSeconds} ago with {@code newestStatus}, then older ones with these statuses. */
    private static List<ChatgptUsageSnapshot> history(String newestStatus, long agoSeconds, String... olderStatuses) {
        List<ChatgptUsageSnapshot> snapshots = new ArrayList<>();
        snapshots.add(snapshot(newestStatus, NOW.minusSeconds(agoSeconds)));
        for (int i = 0; i < olderStatuses.length; i++) {
            snapshots.add(snapshot(olderStatuses[i], NOW.minusSeconds(agoSeconds + 600L * (i + 1))));
        }
        return snapshots;
    }

    private static ChatgptUsageSnapshot snapshot(String status, Instant fetchedAt) {
        return "ok".equals(status) ? okAt(fetchedAt) : ChatgptQuota.error("HTTP 500", null, fetchedAt);
    }

    private static ChatgptUsageSnapshot okAt(Instant fetchedAt) {
        try {
            return ChatgptQuota.ok("{}", fetchedAt);
        } catch (ChatgptQuota.Unreadable e) {
            throw new IllegalStateException(e);
        }
    }
}
