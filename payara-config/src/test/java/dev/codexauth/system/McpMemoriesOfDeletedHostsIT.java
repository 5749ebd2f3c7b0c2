package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A deleted host's memories (spec/mcp.md §8): kept, out of everyone's reach, for {@code RETENTION_DETACHED_MEMORIES_DAYS},
 * and back with the next host registered under the same FQDN.
 */
class McpMemoriesOfDeletedHostsIT {

    @Test
    void aHostRegisteredAgainUnderItsNameGetsItsMemoriesBack() {
        String fqdn = "rebuilt-" + System.nanoTime() + ".fleet.test";
        String ip = Fleet.freshIp();
        Fleet.HostKey first = hostWithMemories(fqdn, ip, "{\"id\":\"runbook\",\"content\":\"Restart the kiln controller before noon\","
                + "\"tags\":[\"ops\"]}", "{\"id\":\"scratch\",\"content\":\"a thought deleted later\"}");
        assertThat(Fleet.host(ip, "DELETE", "/mcp/memories/scratch", first.key(), null).data().getString("status")).isEqualTo("deleted");

        HttpResult deleted = Fleet.admin("DELETE", "/admin/api/hosts/" + first.id(), null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);

        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_memories m JOIN mcp_detached_memories d ON d.memory_id = m.id"
                + " WHERE d.former_host_fqdn = ? AND m.host_id IS NULL", fqdn))
                .as("the live memory is kept, the deleted one went with the host").isOne();
        JsonObject listed = Fleet.admin("GET", "/admin/api/mcp/memories?q=kiln+controller", null).data().getJsonArray("matches")
                .getValuesAs(JsonObject.class).stream().filter(m -> m.getString("id").equals("runbook")).findFirst().orElseThrow();
        assertThat(listed.getString("host")).as("admins see whose it was").isEqualTo(fqdn);
        assertThat(listed.isNull("host_id")).isTrue();
        Fleet.HostKey stranger = Fleet.newHost();
        String strangerIp = Fleet.freshIp();
        assertThat(Fleet.host(strangerIp, "POST", "/mcp/memories/retrieve", stranger.key(), "{\"id\":\"runbook\"}").data().getString("status"))
                .as("no other host reaches a detached memory").isEqualTo("missing");

        Fleet.HostKey again = Fleet.register(Fleet.json("fqdn", fqdn));
        String newIp = Fleet.freshIp();
        HttpResult found = Fleet.host(newIp, "POST", "/mcp/memories/retrieve", again.key(), "{\"id\":\"runbook\"}");
        assertThat(found.data().getString("status")).as(found.body()).isEqualTo("found");
        assertThat(found.body()).contains("Restart the kiln controller before noon").contains("\"ops\"");
        assertThat(Fleet.host(newIp, "POST", "/mcp/memories/retrieve", again.key(), "{\"id\":\"scratch\"}").data().getString("status"))
                .isEqualTo("missing");
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_detached_memories WHERE former_host_fqdn = ?", fqdn)).isZero();
    }

    @Test
    void retentionDeletesWhatNoHostClaimedInTime() {
        String fqdn = "gone-" + System.nanoTime() + ".fleet.test";
        String ip = Fleet.freshIp();
        Fleet.HostKey host = hostWithMemories(fqdn, ip, "{\"id\":\"old\",\"content\":\"kept too long\"}",
                "{\"id\":\"recent\",\"content\":\"still within its days\"}");
        HttpResult left = Fleet.host(ip, "DELETE", "/auth", host.key(), null);
        assertThat(left.status()).as("the host deregisters itself: " + left.body()).isEqualTo(200);
        Fleet.sql("UPDATE mcp_detached_memories SET detached_at = UTC_TIMESTAMP() - INTERVAL 31 DAY WHERE former_host_fqdn = '"
                        + fqdn + "' AND memory_key = 'old'",
                "UPDATE mcp_detached_memories SET detached_at = UTC_TIMESTAMP() - INTERVAL 29 DAY WHERE former_host_fqdn = '"
                        + fqdn + "' AND memory_key = 'recent'");

        HttpResult pass = Fleet.admin("POST", "/admin/api/retention/run", null);

        assertThat(pass.status()).as(pass.body()).isEqualTo(200);
        assertThat(Rows.query("SELECT m.memory_key FROM mcp_memories m JOIN mcp_detached_memories d ON d.memory_id = m.id"
                + " WHERE d.former_host_fqdn = ?", fqdn)).singleElement()
                .satisfies(row -> assertThat(row.get("memory_key")).isEqualTo("recent"));
    }

    @Test
    void storesRacingTheHostsDeletionAreEachAnsweredAndWhatWasStoredIsKept() throws Exception {
        String fqdn = "leaving-" + System.nanoTime() + ".fleet.test";
        String ip = Fleet.freshIp();
        Fleet.HostKey host = hostWithMemories(fqdn, ip, "{\"id\":\"first\",\"content\":\"before the race\"}");
        ExecutorService writers = Executors.newFixedThreadPool(6);
        Map<String, Integer> answered = new ConcurrentHashMap<>();
        CountDownLatch underWay = new CountDownLatch(12);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < 6; writer++) {
                int w = writer;
                running.add(writers.submit(() -> {
                    for (int n = 0; n < 40; n++) {
                        String key = "note-" + w + "-" + n;
                        HttpResult stored = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(),
                                "{\"id\":\"" + key + "\",\"content\":\"written while the host is deleted\",\"tags\":[\"race\"]}");
                        answered.put(key, stored.status());
                        underWay.countDown();
                        assertThat(stored.status()).as(stored.body()).isIn(200, 401);
                        if (stored.status() == 401) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            underWay.await(60, TimeUnit.SECONDS);
            HttpResult deleted = Fleet.admin("DELETE", "/admin/api/hosts/" + host.id(), null);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        List<String> stored = answered.entrySet().stream().filter(e -> e.getValue() == 200).map(Map.Entry::getKey).sorted().toList();
        List<String> kept = Rows.query("SELECT memory_key FROM mcp_detached_memories WHERE former_host_fqdn = ? AND memory_key <> 'first'", fqdn)
                .stream().map(row -> (String) row.get("memory_key")).sorted().toList();
        assertThat(answered.values()).as("some stores were refused once the host was gone").contains(401);
        assertThat(kept).as("every memory answered 200 is kept for the host's next registration").isEqualTo(stored);
    }

    @Test
    void hostsWithMemoriesDeletedAllAtOnceAreEachDeletedWithTheirMemoriesKept() throws Exception {
        String batch = "retired-" + System.nanoTime();
        List<Fleet.HostKey> hosts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            hosts.add(hostWithMemories(batch + "-" + i + ".fleet.test", Fleet.freshIp(), "{\"id\":\"a\",\"content\":\"one\"}",
                    "{\"id\":\"b\",\"content\":\"two\"}", "{\"id\":\"c\",\"content\":\"three\"}"));
        }
        ExecutorService admins = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResult>> deletions = new ArrayList<>();
            for (Fleet.HostKey host : hosts) {
                deletions.add(admins.submit(() -> Fleet.admin("DELETE", "/admin/api/hosts/" + host.id(), null)));
            }
            for (Future<HttpResult> deletion : deletions) {
                HttpResult deleted = deletion.get(60, TimeUnit.SECONDS);
                assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            }
        } finally {
            admins.shutdownNow();
        }
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_detached_memories WHERE former_host_fqdn LIKE ?", batch + "-%")).isEqualTo(36);
    }

    /** A new host under this name, calling from this IP, that stored these memories through the REST mirror. */
    static Fleet.HostKey hostWithMemories(String fqdn, String ip, String... memories) {
        Fleet.HostKey host = Fleet.register(Fleet.json("fqdn", fqdn));
        for (String memory : memories) {
            HttpResult stored = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(), memory);
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        }
        return host;
    }
}
