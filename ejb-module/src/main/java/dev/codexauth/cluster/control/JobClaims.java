package dev.codexauth.cluster.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The claims behind once-per-cluster jobs in table {@code cluster_job_runs}: for each period of a job, exactly one
 * node's claim matches. Each statement commits on its own, before the job runs, so a claim holds even when the job's
 * own transaction rolls back or its node dies.
 */
public final class JobClaims {

    private JobClaims() {
    }

    /** The start of the period that {@code now} falls in, counted from the epoch in UTC (hours start on the hour). */
    public static Instant periodStart(Instant now, Duration period) {
        long millis = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    /**
     * DATETIME columns hold UTC wall time, passed as a LocalDateTime so the driver applies no zone.
     *
     * @return true when this node won the period, false when another node already has it
     */
    public static boolean claim(Connection connection, String job, Instant periodStart, String node) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement("INSERT IGNORE INTO cluster_job_runs"
                + " (name, period_start, node, started_at) VALUES (?, '1970-01-01 00:00:00', '', UTC_TIMESTAMP(3))")) {
            row.setString(1, job);
            row.executeUpdate();
        }
        try (PreparedStatement claim = connection.prepareStatement("UPDATE cluster_job_runs SET period_start = ?, node = ?,"
                + " started_at = UTC_TIMESTAMP(3), finished_at = NULL WHERE name = ? AND period_start < ?")) {
            LocalDateTime start = periodStart.atZone(ZoneOffset.UTC).toLocalDateTime();
            claim.setObject(1, start);
            claim.setString(2, node);
            claim.setString(3, job);
            claim.setObject(4, start);
            return claim.executeUpdate() == 1;
        }
    }

    public static void finished(Connection connection, String job, String node) throws SQLException {
        try (PreparedStatement done = connection.prepareStatement(
                "UPDATE cluster_job_runs SET finished_at = UTC_TIMESTAMP(3) WHERE name = ? AND node = ?")) {
            done.setString(1, job);
            done.setString(2, node);
            done.executeUpdate();
        }
    }
}
