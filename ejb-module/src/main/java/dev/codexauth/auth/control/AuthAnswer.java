package dev.codexauth.auth.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.host.control.HostBlock;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.usage.control.ChatgptUsageSummary;
import dev.codexauth.usage.control.MonthUsage;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * The {@code data} of a {@code POST /auth} answer (host-api.md §4.1). Members that only some statuses carry
 * ({@code action}, {@code auth}, {@code runner_applied}, {@code validation}) are left out when absent; every other
 * member is always present, null included. {@code daily_allowance_percent} is new (SPEC.md: one formula), and so
 * are {@code local_auth}, {@code local_last_refresh} and {@code auth_file_b64}, present only when the host sent its
 * file as {@code local_auth_b64} (docs/cdx-protocol.md §2).
 */
public record AuthAnswer(
        String status,
        @JsonbNillable(false) String action,
        @JsonbNillable(false) JsonObject auth,
        String canonicalLastRefresh,
        String canonicalDigest,
        HostBlock host,
        long apiCalls,
        MonthUsage.Totals tokenUsageMonth,
        VersionsBlock versions,
        boolean quotaHardFail,
        int quotaLimitPercent,
        int quotaWeekPartition,
        Integer dailyAllowancePercent,
        boolean cdxSilent,
        ChatgptUsageSummary chatgptUsage,
        @JsonbNillable(false) Boolean runnerApplied,
        @JsonbNillable(false) JsonObject validation,
        @JsonbNillable(false) String localAuth,
        @JsonbNillable(false) String localLastRefresh,
        @JsonbNillable(false) String authFileB64) {

    /** The answer to a decided request, from the host's block (with the call count it is told) and the fleet's state. */
    static AuthAnswer of(AuthOutcome outcome, HostBlock host, LocalAuthFile localFile, VersionsBlock versions, FleetSettings fleet,
            MonthUsage.Totals month, ChatgptUsageSummary chatgpt) {
        StoredCanonical canonical = outcome.canonical();
        return new AuthAnswer(
                outcome.status(),
                outcome.askToStore() ? "store" : null,
                outcome.auth(),
                canonical == null ? null : canonical.lastRefresh(),
                canonical == null ? null : canonical.digest(),
                host,
                host.apiCalls(),
                month,
                versions,
                fleet.quotaHardFail() && !host.vip(),
                fleet.quotaLimitPercent(),
                fleet.quotaWeekPartition(),
                fleet.dailyAllowancePercent().orElse(null),
                fleet.cdxSilent(),
                chatgpt,
                outcome.runnerApplied(),
                outcome.validation(),
                localFile == null ? null : localFile.state(),
                localFile == null || !localFile.present() ? null : localFile.lastRefresh(),
                localFile == null ? null : fileToWrite(outcome, localFile));
    }

    /** The document the host keeps: the one the answer carries, else its own file when that is the current one. */
    private static String fileToWrite(AuthOutcome outcome, LocalAuthFile localFile) {
        if (outcome.auth() != null) {
            return LocalAuthFile.fileBase64(outcome.auth());
        }
        boolean keepsOwn = outcome.status().equals("valid") || outcome.status().equals("unchanged") || outcome.status().equals("updated");
        return keepsOwn && localFile.present() ? LocalAuthFile.fileBase64(localFile.document()) : null;
    }

    /**
     * What a store tells the host about the runner: its verdict and a reason, never its raw output. (A JSON-P object
     * rather than a record: Yasson 3.0 writes null for record-typed members even when they are marked not nillable.)
     */
    public static JsonObject validation(RunnerResult result) {
        var builder = Jsonp.PROVIDER.createObjectBuilder().add("status", result.status());
        if (result.reasonCode() == null) {
            builder.addNull("reason");
        } else {
            builder.add("reason", result.reasonCode());
        }
        return builder.build();
    }
}
