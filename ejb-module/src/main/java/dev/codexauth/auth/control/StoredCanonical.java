package dev.codexauth.auth.control;

import java.time.Instant;

/** The canonical auth as stored: its row id in {@code auth_payloads}, the document, its source host and age. */
public record StoredCanonical(long payloadId, Canonical canonical, Long sourceHostId, Instant createdAt) {

    public String digest() {
        return canonical.digest();
    }

    public String lastRefresh() {
        return canonical.lastRefresh();
    }
}
