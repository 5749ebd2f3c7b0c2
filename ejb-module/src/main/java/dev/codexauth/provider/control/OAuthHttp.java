package dev.codexauth.provider.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.BoundedJson;
import dev.codexauth.http.JsonLimits;
import dev.codexauth.http.UpstreamExchange;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls to a provider's OAuth endpoints: bounded in time and size, answers read as JSON objects. */
final class OAuthHttp {

    /** An upstream answer: its status and its JSON body (empty when it was not a JSON object). */
    record Answer(int status, JsonObject body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private OAuthHttp() {
    }

    static Answer postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Answer postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            Duration deadline = Duration.ofSeconds(15);
            HttpRequest built = request.timeout(deadline).header("Accept", "application/json").build();
            UpstreamExchange.Answer response = UpstreamExchange.send(CLIENT, built, deadline, MAX_ANSWER_BYTES);
            byte[] bytes = response.bytes();
            JsonObject body = JsonValue.EMPTY_JSON_OBJECT;
            if (bytes.length > 0) {
                try {
                    if (BoundedJson.read(new ByteArrayInputStream(bytes), JsonLimits.forBodiesUpTo(MAX_ANSWER_BYTES)) instanceof JsonObject object) {
                        body = object;
                    }
                } catch (ApiException notJson) {
                    body = JsonValue.EMPTY_JSON_OBJECT;
                }
            }
            return new Answer(response.status(), body);
        } catch (IOException | IllegalArgumentException unreachable) {
            throw upstream("the provider could not be reached: " + unreachable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw upstream("interrupted");
        }
    }

    static ApiException upstream(String reason) {
        return new ApiException(502, "upstream_failed", "The provider's sign-in failed: " + reason);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
