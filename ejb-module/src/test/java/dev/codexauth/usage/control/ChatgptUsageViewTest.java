package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code chatgpt_usage} block of {@code /auth} (sync.md §10) built from stored snapshots. */
class ChatgptUsageViewTest {

    private static final Instant FETCHED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void countdownsRunFromTheFetchToNowAndTodaysUseIsMeasuredFromTheFirstReading() {
        ChatgptUsageSnapshot latest = snapshot(FETCHED, 30, 52, 7200L, 90_000L);
        ChatgptUsageSnapshot baseline = snapshot(Instant.parse("2026-11-23T00:05:00Z"), 2, 45, 100L, 100L);

        ChatgptUsageSummary summary = ChatgptUsageView.summarise(latest, baseline, FETCHED.plusSeconds(600));

        assertThat(summary.primaryWindow().resetAfterSeconds()).isEqualTo(6600L);
        assertThat(summary.secondaryWindow().resetAfterSeconds()).isEqualTo(89_400L);
        assertThat(summary.primaryWindow().usedPercent()).isEqualTo(30);
        assertThat(summary.dailyUsedPercent()).isEqualTo(7);
        assertThat(summary.dailyBaselineAt()).isEqualTo("2026-11-23T00:05:00+00:00");
        assertThat(summary.fetchedAt()).isEqualTo("2026-11-23T10:00:00+00:00");
        assertThat(summary.nextEligibleAt()).isEqualTo("2026-11-23T10:05:00+00:00");
    }

    @Test
    void countdownsStopAtZeroAndAWeeklyResetNeverGivesNegativeUse() {
        ChatgptUsageSummary summary = ChatgptUsageView.summarise(snapshot(FETCHED, 1, 3, 60L, null),
                snapshot(FETCHED.minusSeconds(3600), 1, 80, 60L, null), FETCHED.plusSeconds(3600));

        assertThat(summary.primaryWindow().resetAfterSeconds()).isZero();
        assertThat(summary.secondaryWindow().resetAfterSeconds()).isNull();
        assertThat(summary.dailyUsedPercent()).isZero();
    }

    @Test
    void anErrorSnapshotIsShownWithoutDailyUse() {
        ChatgptUsageSummary summary = ChatgptUsageView.summarise(ChatgptQuota.error("HTTP 401", null, FETCHED), null, FETCHED);

        assertThat(summary.status()).isEqualTo("error");
        assertThat(summary.dailyUsedPercent()).isNull();
        assertThat(summary.dailyBaselineAt()).isNull();
    }

    private static ChatgptUsageSnapshot snapshot(Instant fetchedAt, int primaryUsed, int secondaryUsed, Long primaryReset, Long secondaryReset) {
        ChatgptUsageSnapshot snapshot = ChatgptQuota.error(null, null, fetchedAt);
        snapshot.setStatus("ok");
        snapshot.setPrimaryUsedPercent(primaryUsed);
        snapshot.setSecondaryUsedPercent(secondaryUsed);
        snapshot.setPrimaryResetAfterSeconds(primaryReset);
        snapshot.setSecondaryResetAfterSeconds(secondaryReset);
        return snapshot;
    }
}
