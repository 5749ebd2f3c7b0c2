package dev.codexauth.auth.control;

import dev.codexauth.host.control.HostBlock;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.usage.control.MonthUsage;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * The answer to an admin or seed upload: the store result without the auth.json itself (the uploader has it; the
 * original echoed every token back) and without runner output, since uploads skip the runner.
 */
public record UploadAnswer(String status, String canonicalLastRefresh, String canonicalDigest,
                           @JsonbNillable(false) HostBlock host, long apiCalls, MonthUsage.Totals tokenUsageMonth,
                           VersionsBlock versions, boolean quotaHardFail, int quotaLimitPercent, int quotaWeekPartition,
                           boolean cdxSilent, boolean runnerApplied) {
}
