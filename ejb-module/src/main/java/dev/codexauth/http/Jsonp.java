package dev.codexauth.http;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the provider up through the
 * class loader on every call, which profiling showed to be a third of a host request's CPU time.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    /** Adds {@code value}, or JSON {@code null} when there is none (the answers name every field they may carry). */
    public static void nullable(JsonObjectBuilder builder, String key, String value) {
        if (value == null) {
            builder.addNull(key);
        } else {
            builder.add(key, value);
        }
    }
}
