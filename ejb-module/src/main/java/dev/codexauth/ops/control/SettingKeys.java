package dev.codexauth.ops.control;

/** Names of the rows in table {@code versions} (spec/schema.md §2.21), plus the ones this server adds. */
public final class SettingKeys {

    public static final String API_DISABLED = "api_disabled";
    public static final String CDX_SILENT = "cdx_silent";
    public static final String QUOTA_HARD_FAIL = "quota_hard_fail";
    public static final String QUOTA_LIMIT_PERCENT = "quota_limit_percent";
    public static final String QUOTA_WEEK_PARTITION = "quota_week_partition";
    public static final String CLIENT_AVAILABLE = "client_available";
    public static final String CLIENT_VERSION_LOCK = "client_version_lock";
    public static final String CANONICAL_PAYLOAD_ID = "canonical_payload_id";
    public static final String RUNNER_STATE = "runner_state";
    public static final String RUNNER_LAST_OK = "runner_last_ok";
    public static final String RUNNER_LAST_FAIL = "runner_last_fail";
    public static final String RUNNER_LAST_CHECK = "runner_last_check";
    public static final String RUNNER_BOOT_ID = "runner_boot_id";
    public static final String INACTIVITY_WINDOW_DAYS = "inactivity_window_days";
    public static final String WRAPPER = "wrapper";
    public static final String CDX_MODEL = "cdx_model";
    public static final String CDX_REASONING_EFFORT = "cdx_reasoning_effort";
    public static final String TOKEN_USAGE_COST_BACKFILL = "token_usage_cost_backfill_v1";

    /** Added by this server: the installation id when none is configured, generated once for the whole cluster. */
    public static final String INSTALLATION_ID = "installation_id";
    /** Added by this server: why and by whom the host API was disabled. */
    public static final String API_DISABLED_REASON = "api_disabled_reason";
    public static final String API_DISABLED_BY = "api_disabled_by";
    /** Added by this server: the default minutes of an insecure-host window (admin.md §2.5). */
    public static final String INSECURE_WINDOW_DEFAULT_MINUTES = "insecure_window_default_minutes";
    /** Added by this server: when pricing snapshots were last recorded, so every node reloads its price cache. */
    public static final String PRICING_REFRESHED_AT = "pricing_refreshed_at";

    private SettingKeys() {
    }
}
