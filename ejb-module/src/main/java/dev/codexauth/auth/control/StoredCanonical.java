package dev.codexauth.auth.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;

/** The canonical auth as stored: its row id in {@code auth_payloads}, the document, its source host and age. */
public record StoredCanonical(long payloadId, Canonical canonical, Long sourceHostId, Instant createdAt) {

    public String digest() {
        return canonical.digest();
    }

    public String lastRefresh() {
        return canonical.lastRefresh();
    }

    /** The ChatGPT account the tokens belong to ({@code tokens.account_id}); no secret, unlike the tokens. */
    public String accountId() {
        return canonical.document().get("tokens") instanceof JsonObject tokens && tokens.get("account_id") instanceof JsonString id
                ? id.getString() : null;
    }
}
