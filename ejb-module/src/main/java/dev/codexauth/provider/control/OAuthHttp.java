package dev.codexauth.provider.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.BoundedJson;
import dev.codexauth.http.JsonLimits;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(15)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonObject body = JsonValue.EMPTY_JSON_OBJECT;
            if (bytes.length > 0 && bytes.length <= MAX_ANSWER_BYTES) {
                try {
                    if (BoundedJson.read(new ByteArrayInputStream(bytes), JsonLimits.forBodiesUpTo(MAX_ANSWER_BYTES)) instanceof JsonObject object) {
                        body = object;
                    }
                } catch (ApiException notJson) {
                    body = JsonValue.EMPTY_JSON_OBJECT;
                }
            }
            return new Answer(response.statusCode(), body);
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
