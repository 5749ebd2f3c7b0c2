package dev.codexauth.auth.control;

import jakarta.json.JsonObject;

/** A canonical auth.json: the document, its exact bytes, their SHA-256 and its {@code last_refresh} (verbatim). */
public record Canonical(JsonObject document, byte[] bytes, String digest, String lastRefresh) {
}
