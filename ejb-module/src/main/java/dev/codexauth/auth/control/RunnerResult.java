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

    /**
     * What a host may learn of a failure: a code, never the runner's own text (which can carry Codex's stderr); the
     * text stays in the admins' event log ({@code auth.validate}).
     */
    public String reasonCode() {
        if (ok()) {
            return null;
        }
        if (!reachable) {
            return "runner_unreachable";
        }
        return reason != null && reason.startsWith(INVALID_ANSWER) ? "runner_invalid_answer" : "runner_rejected";
    }

    static final String INVALID_ANSWER = "runner answered HTTP ";

    public static RunnerResult unreachable(String reason) {
        return new RunnerResult("fail", false, reason, null, null, null);
    }
}
