package dev.codexauth.auth.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.http.UpstreamExchange;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

/**
 * Calls the external validation runner (host-api.md §5.12): a readiness GET, then a POST with the auth.json to
 * try, with the original's timeouts and single retries. Unlike the original it never sends host credentials, and
 * only the pre-store check runs inside a request; periodic checks and recovery run on a timer
 * ({@link RunnerSchedule}). Outcomes update the runner state settings and the event log.
 */
@Stateless
public class AuthRunner {

    /** An answer is an auth.json and a few fields; anything near this size is not a runner's. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    RunnerSettings runner;

    @EJB
    SettingsStore settings;

    @EJB
    Events events;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * Validates a document: the HTTP exchange runs outside any transaction, then the runner state is stored in a
     * transaction of its own (it survives a refused upload) and {@code auth.validate} is logged in the caller's.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RunnerResult validate(JsonObject authJson, String trigger, Long hostId) {
        String url = runner.url().orElseThrow(() -> new IllegalStateException("runner not configured"));
        RunnerResult result = self().call(url, authJson);
        self().recordState(result);
        events.recordSurvivingRollback(hostId, "auth.validate", Events.details("status", result.status(), "reason", result.reason(),
                "latency_ms", result.latencyMs(), "trigger", trigger));
        return result;
    }

    private AuthRunner self() {
        return context.getBusinessObject(AuthRunner.class);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RunnerResult call(String url, JsonObject authJson) {
        int timeout = runner.timeoutSeconds();
        Duration readiness = Duration.ofSeconds(Math.max(1, Math.min(3, timeout / 4)));
        if (!reachable(url, readiness) && !retryReachable(url, readiness)) {
            return RunnerResult.unreachable("runner not reachable");
        }
        String body = Jsonp.PROVIDER.createObjectBuilder()
                .add("auth_json", authJson)
                .add("base_url", runner.codexBaseUrl())
                .add("timeout_seconds", timeout)
                .build().toString();
        long started = System.nanoTime();
        try {
            return parse(post(url, body, Duration.ofSeconds(timeout)), started);
        } catch (IOException first) {
            if (timeout <= 2) {
                return RunnerResult.unreachable("runner request failed: " + first.getClass().getSimpleName());
            }
            sleep(300);
            try {
                return parse(post(url, body, Duration.ofSeconds(Math.min(timeout, 5))), started);
            } catch (IOException second) {
                return RunnerResult.unreachable("runner request failed: " + second.getClass().getSimpleName());
            }
        }
    }

    private boolean retryReachable(String url, Duration timeout) {
        sleep(500);
        return reachable(url, timeout);
    }

    private static boolean reachable(String url, Duration timeout) {
        try {
            UpstreamExchange.send(HTTP, HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), timeout, MAX_ANSWER_BYTES);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static UpstreamExchange.Answer post(String url, String body, Duration timeout) throws IOException {
        try {
            return UpstreamExchange.send(HTTP, HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), timeout, MAX_ANSWER_BYTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static RunnerResult parse(UpstreamExchange.Answer response, long started) {
        long latency = (System.nanoTime() - started) / 1_000_000;
        JsonObject answer;
        try {
            answer = Jsonp.PROVIDER.createReader(new StringReader(response.body())).readObject();
        } catch (RuntimeException e) {
            return new RunnerResult("fail", true, RunnerResult.INVALID_ANSWER + response.status() + " without JSON", latency, null, null);
        }
        String status = answer.get("status") instanceof JsonString s ? s.getString() : "fail";
        String reason = answer.get("reason") instanceof JsonString r ? truncate(r.getString()) : null;
        String version = answer.get("codex_version") instanceof JsonString v ? v.getString() : null;
        Long reportedLatency = answer.containsKey("latency_ms") && answer.get("latency_ms").getValueType() == JsonValue.ValueType.NUMBER
                ? answer.getJsonNumber("latency_ms").longValue() : latency;
        JsonObject updated = answer.get("updated_auth") instanceof JsonObject u ? u : null;
        return new RunnerResult("ok".equals(status) ? "ok" : "fail", true, reason, reportedLatency, version, updated);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordState(RunnerResult result) {
        String now = Timestamps.format(Instant.now());
        if (result.ok()) {
            settings.put(SettingKeys.RUNNER_STATE, "ok");
            settings.put(SettingKeys.RUNNER_LAST_OK, now);
        } else {
            settings.put(SettingKeys.RUNNER_STATE, "fail");
            settings.put(SettingKeys.RUNNER_LAST_FAIL, now);
        }
        if (result.reachable()) {
            settings.put(SettingKeys.RUNNER_LAST_CHECK, now);
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= 400 ? reason : reason.substring(0, 400);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
