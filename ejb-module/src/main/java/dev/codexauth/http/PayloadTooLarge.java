package dev.codexauth.http;

import java.util.Map;

/** 413: a request body over the route's limit, seen in {@code Content-Length} or while counting the stream. */
public class PayloadTooLarge extends ApiException {

    public PayloadTooLarge(long maxBytes) {
        super(413, "payload_too_large", "Request body larger than " + maxBytes + " bytes", Map.of("max_bytes", maxBytes), null,
                Map.of("Connection", "close"));
    }
}
