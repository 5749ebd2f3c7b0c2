package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A host the pruner deletes after {@code HOST_PRUNE_GRACE_DAYS} has its memories set aside like a host an admin deletes
 * (spec/mcp.md §8). The pruner runs once a minute, so this test mostly waits: it runs beside the other classes (the only
 * one marked so, junit-platform.properties) instead of adding up to a minute of idle time to the suite.
 */
@Execution(ExecutionMode.CONCURRENT)
class McpMemoriesOfPrunedHostsIT {

    @Test
    void pruningAHostPastItsGraceDaysSetsItsMemoriesAsideToo() throws InterruptedException {
        String fqdn = "idle-" + System.nanoTime() + ".fleet.test";
        Fleet.HostKey host = McpMemoriesOfDeletedHostsIT.hostWithMemories(fqdn, Fleet.freshIp(),
                "{\"id\":\"idle-note\",\"content\":\"written before going quiet\"}");
        Fleet.sql("UPDATE hosts SET status = 'pruned' WHERE id = " + host.id(),
                "INSERT INTO host_activity (host_id, pruned_at, prune_reason) VALUES (" + host.id() + ", UTC_TIMESTAMP() - INTERVAL 8 DAY,"
                        + " 'inactive') ON DUPLICATE KEY UPDATE pruned_at = VALUES(pruned_at), prune_reason = VALUES(prune_reason)");

        // The pruner runs once a minute (second 41) and deletes hosts pruned longer than HOST_PRUNE_GRACE_DAYS (7) ago.
        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        while (Rows.count("SELECT COUNT(*) FROM hosts WHERE id = ?", host.id()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        assertThat(Rows.count("SELECT COUNT(*) FROM hosts WHERE id = ?", host.id())).as("deleted by the pruner").isZero();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_detached_memories WHERE former_host_fqdn = ? AND memory_key = 'idle-note'", fqdn))
                .isOne();
    }
}
