package dev.codexauth.sync.control;

/** The {@code versions} object of {@code /auth}, {@code /versions} and the admin overview (host-api.md §4.1). */
public record VersionsBlock(
        String clientVersion,
        String clientVersionCheckedAt,
        String clientVersionSource,
        String wrapperVersion,
        String wrapperSha256,
        String wrapperUrl,
        String reportedClientVersion,
        boolean quotaHardFail,
        int quotaLimitPercent,
        int quotaWeekPartition,
        boolean cdxSilent,
        boolean runnerEnabled,
        String runnerState,
        String runnerLastOk,
        String runnerLastFail,
        String runnerLastCheck,
        String installationId) {

    /** The block for a host with its own Codex pin: the pin wins, as {@code locked}, with no check time (sync.md §7). */
    public VersionsBlock pinnedTo(String hostPin) {
        return new VersionsBlock(hostPin, null, "locked", wrapperVersion, wrapperSha256, wrapperUrl, reportedClientVersion,
                quotaHardFail, quotaLimitPercent, quotaWeekPartition, cdxSilent, runnerEnabled, runnerState, runnerLastOk,
                runnerLastFail, runnerLastCheck, installationId);
    }

    /** The block with the wrapper a host should run: version and sha256 of its own baked copy, or of the template. */
    public VersionsBlock withWrapper(String version, String sha256) {
        return withWrapper(version, sha256, wrapperUrl);
    }

    public VersionsBlock withWrapper(String version, String sha256, String url) {
        return new VersionsBlock(clientVersion, clientVersionCheckedAt, clientVersionSource, version, sha256, url,
                reportedClientVersion, quotaHardFail, quotaLimitPercent, quotaWeekPartition, cdxSilent, runnerEnabled, runnerState,
                runnerLastOk, runnerLastFail, runnerLastCheck, installationId);
    }

    /** What anyone may read: no installation id and no runner health (host-api.md §6.1). */
    public VersionsBlock publicView() {
        return new VersionsBlock(clientVersion, clientVersionCheckedAt, clientVersionSource, wrapperVersion, wrapperSha256,
                wrapperUrl, reportedClientVersion, quotaHardFail, quotaLimitPercent, quotaWeekPartition, cdxSilent,
                runnerEnabled, null, null, null, null, null);
    }
}
