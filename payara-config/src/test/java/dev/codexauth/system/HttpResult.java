package dev.codexauth.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;

/** A response as the tests read it: status, headers (lower-case names) and body. */
public record HttpResult(int status, Map<String, String> headers, String body) {

    public JsonObject json() {
        return Json.createReader(new StringReader(body)).readObject();
    }

    public JsonObject data() {
        return json().getJsonObject("data");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** What a browser sends back: every cookie the response set, as one {@code Cookie} header value. */
    public String cookies() {
        String set = header("set-cookie");
        if (set == null) {
            return "";
        }
        return java.util.Arrays.stream(set.split("\n")).map(cookie -> cookie.split(";")[0].trim())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
