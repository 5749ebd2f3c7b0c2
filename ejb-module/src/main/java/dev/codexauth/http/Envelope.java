package dev.codexauth.http;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The success shape of the host and admin APIs: {@code {"status":"ok","data":{...}}}. */
@JsonbPropertyOrder({"status", "data"})
public record Envelope<T>(String status, T data) {

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>("ok", data);
    }
}
