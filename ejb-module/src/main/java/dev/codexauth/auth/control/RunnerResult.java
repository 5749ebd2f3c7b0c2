package dev.codexauth.auth.control;

import jakarta.json.JsonObject;

/**
 * What the validation runner said about one auth.json: {@code ok} or {@code fail}, whether it answered at all, a
 * short reason, and a refreshed document when Codex rotated the tokens while validating.
 */
public record RunnerResult(String status, boolean reachable, String reason, Long latencyMs, String codexVersion,
                           JsonObject updatedAuth) {

    public boolean ok() {
        return "ok".equals(status);
    }

    public static RunnerResult unreachable(String reason) {
        return new RunnerResult("fail", false, reason, null, null, null);
    }
}
