package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code memory_store} called many times at once against the running server (docs/mcp.md): new keys and one shared
 * key side by side, and stores racing for one new key, which must create it once and never deadlock.
 */
class McpMemoryRacesIT {

    @Test
    void concurrentStoresOfNewAndTheSameKeysAllSucceed() throws Exception {
        McpClient mcp = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = i % 3 == 0 ? "shared-key" : "key-" + i;
                String args = "{\"id\":\"" + id + "\",\"content\":\"parallel " + i + "\",\"tags\":[\"t" + (i % 4) + "\",\"common\"]}";
                calls.add(pool.submit(() -> mcp.call("memory_store", args)));
            }
            List<String> sharedKeyStatuses = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                JsonObject result = calls.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.getBoolean("isError")).as(result.toString()).isFalse();
                if (i % 3 == 0) {
                    sharedKeyStatuses.add(result.getJsonObject("structuredContent").getString("status"));
                }
            }
            assertThat(sharedKeyStatuses).as("one store created the shared key, the others changed it").containsOnlyOnce("created")
                    .hasSize(10);
        } finally {
            pool.shutdown();
        }
        JsonObject common = mcp.call("memory_search", "{\"query\":\"\",\"tags\":[\"common\"],\"limit\":100}")
                .getJsonObject("structuredContent");
        assertThat(common.getInt("count")).isEqualTo(21);
    }

    @Test
    void racingStoresOfOneNewKeyCreateItOnceAndUpdateItAfterwards() throws Exception {
        McpClient mcp = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        int stores = 8;
        CyclicBarrier start = new CyclicBarrier(stores);
        ExecutorService pool = Executors.newFixedThreadPool(stores);
        try {
            List<Future<JsonObject>> calls = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                String args = "{\"id\":\"raced-key\",\"content\":\"racer " + i + "\",\"tags\":[\"r" + i + "\"]}";
                calls.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return mcp.call("memory_store", args).getJsonObject("structuredContent");
                }));
            }
            List<JsonObject> answers = new ArrayList<>();
            for (Future<JsonObject> call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers.stream().map(a -> a.getString("status")).toList()).containsOnlyOnce("created")
                    .containsOnly("created", "updated");
            assertThat(answers.stream().map(a -> a.getJsonObject("memory").getJsonNumber("record_id").longValue()).distinct())
                    .as("every store answers the one row").hasSize(1);
        } finally {
            pool.shutdown();
        }
        JsonObject tagged = mcp.call("memory_search", "{\"query\":\"\",\"limit\":10}").getJsonObject("structuredContent");
        assertThat(tagged.getJsonArray("matches")).singleElement()
                .satisfies(m -> assertThat(m.asJsonObject().getJsonArray("tags")).as("the last store's tags only").hasSize(1));
    }
}
