package dev.codexauth.http;

import java.util.Map;

/** 400: a request body that is not JSON, or JSON beyond the limits of {@link JsonLimits}; the reason says which. */
public class InvalidJson extends ApiException {

    public InvalidJson() {
        super(400, "invalid_json", "Invalid JSON payload");
    }

    public InvalidJson(String reason) {
        super(400, "invalid_json", "Invalid JSON payload", Map.of("reason", reason), null, null);
    }
}
