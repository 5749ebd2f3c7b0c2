package dev.codexauth.auth.control;

import jakarta.json.JsonObject;

/** What a retrieve or store decided, before the answer is assembled. */
record AuthOutcome(String status, boolean askToStore, JsonObject auth, StoredCanonical canonical, Boolean runnerApplied,
                   JsonObject validation) {

    static AuthOutcome of(String status, StoredCanonical canonical) {
        return new AuthOutcome(status, false, null, canonical, null, null);
    }
}
