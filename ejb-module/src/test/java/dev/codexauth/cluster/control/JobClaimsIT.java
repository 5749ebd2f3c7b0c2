package dev.codexauth.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.db.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every node's timer fires; the database lets exactly one of them run each period of a job. */
class JobClaimsIT {

    private static TestDatabase db;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.create("job_claims");
        new DatabaseMigrator(db.dataSource()).migrate();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void twentyNodesClaimingOnePeriodAtOnceHaveOneWinnerAndTheNextPeriodIsFreeAgain() throws Exception {
        Instant period = JobClaims.periodStart(Instant.parse("2026-12-03T14:37:00.120Z"), Duration.ofHours(1));

        assertThat(winners("retention", period, 20)).isEqualTo(1);
        assertThat(winners("retention", period, 5)).as("a late timer of the same period").isZero();
        assertThat(winners("retention", period.minus(Duration.ofHours(1)), 5)).as("a node whose clock is behind").isZero();
        assertThat(winners("retention", period.plus(Duration.ofHours(1)), 20)).isEqualTo(1);
        assertThat(winners("pricing", period, 3)).as("jobs are claimed apart").isEqualTo(1);
    }

    @Test
    void periodsStartOnTheHourAndOnTheMinuteInUtc() {
        Instant now = Instant.parse("2026-12-03T14:37:41.999Z");
        assertThat(JobClaims.periodStart(now, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-12-03T14:00:00Z"));
        assertThat(JobClaims.periodStart(now, Duration.ofMinutes(10))).isEqualTo(Instant.parse("2026-12-03T14:30:00Z"));
        assertThat(JobClaims.periodStart(now, Duration.ofMinutes(1))).isEqualTo(Instant.parse("2026-12-03T14:37:00Z"));
    }

    @Test
    void aRunThatEndedIsRecordedWithItsNode() throws Exception {
        Instant period = Instant.parse("2026-12-03T14:00:00Z");
        try (Connection connection = db.connect()) {
            assertThat(JobClaims.claim(connection, "prune-hosts", period, "node-a")).isTrue();
            JobClaims.finished(connection, "prune-hosts", "node-a");
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT node, period_start, finished_at IS NOT NULL FROM cluster_job_runs WHERE name = 'prune-hosts'")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("node-a");
                assertThat(rows.getString(2)).startsWith("2026-12-03 14:00:00");
                assertThat(rows.getBoolean(3)).isTrue();
            }
        }
    }

    private static int winners(String job, Instant period, int nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            String name = "node-" + node;
            claims.add(pool.submit(() -> {
                try (Connection connection = db.connect()) {
                    start.await();
                    return JobClaims.claim(connection, job, period, name);
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        return won;
    }
}
