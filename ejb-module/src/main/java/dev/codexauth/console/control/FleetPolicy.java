package dev.codexauth.console.control;

import dev.codexauth.host.control.InsecureWindow;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fleet-wide switches an admin flips (admin.md §2.5), each audited with before and after. */
@Stateless
public class FleetPolicy {

    @EJB
    SettingsStore settings;

    @EJB
    AuditTrail audit;

    @EJB
    Events events;

    /** The kill switch: when on, every host-facing route answers 503; the admin API keeps working. */
    public Map<String, Object> apiState() {
        FleetSettings fleet = settings.fresh();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("disabled", fleet.apiDisabled());
        state.put("reason", fleet.apiDisabled() ? fleet.text(SettingKeys.API_DISABLED_REASON).orElse(null) : null);
        state.put("changed_by", fleet.text(SettingKeys.API_DISABLED_BY).orElse(null));
        state.put("changed_at", fleet.updatedAt(SettingKeys.API_DISABLED).map(Timestamps::format).orElse(null));
        return state;
    }

    public Map<String, Object> setApiState(boolean disabled, String reason, AuditTrail.Actor actor) {
        Map<String, Object> before = apiState();
        settings.put(SettingKeys.API_DISABLED, disabled ? "1" : "0");
        settings.put(SettingKeys.API_DISABLED_BY, actor.name());
        if (disabled && reason != null && !reason.isBlank()) {
            settings.put(SettingKeys.API_DISABLED_REASON, reason);
        } else {
            settings.remove(SettingKeys.API_DISABLED_REASON);
        }
        Map<String, Object> after = apiState();
        audit.record(actor, "api.state", "fleet", "api_disabled", before, after, "ok");
        events.record(null, "admin.api.state", Events.details("disabled", disabled, "reason", reason, "actor", actor.name()));
        return after;
    }

    /** Days without host contact after which a host is pruned, 0-60 (0: never); {@code current} is the value replaced. */
    public Map<String, Object> setInactivityWindow(int days, int current, AuditTrail.Actor actor) {
        // Checked here too, so the console and the API share one rule.
        if (days < 0 || days > 60) {
            throw ValidationFailed.of("inactivity_days", "inactivity_days must be an integer between 0 and 60");
        }
        settings.put(SettingKeys.INACTIVITY_WINDOW_DAYS, String.valueOf(days));
        audit.record(actor, "prune_policy", "fleet", "inactivity_window_days", Map.of("inactivity_window_days", current),
                Map.of("inactivity_window_days", days), "ok");
        events.record(null, "admin.prune_policy", Events.details("inactivity_window_days", days, "actor", actor.name()));
        return Map.of("inactivity_window_days", days);
    }

    public Map<String, Object> silent() {
        return Map.of("silent", settings.fresh().cdxSilent());
    }

    /** Fleet-wide quiet mode of cdx, sent to hosts as {@code cdx_silent} and baked into their wrappers. */
    public Map<String, Object> setSilent(boolean silent, AuditTrail.Actor actor) {
        Map<String, Object> before = silent();
        settings.put(SettingKeys.CDX_SILENT, silent ? "1" : "0");
        audit.record(actor, "cdx_silent", "fleet", "cdx_silent", before, Map.of("silent", silent), "ok");
        return Map.of("silent", silent);
    }

    public Map<String, Object> quotaMode() {
        FleetSettings fleet = settings.fresh();
        Map<String, Object> mode = new LinkedHashMap<>();
        mode.put("hard_fail", fleet.quotaHardFail());
        mode.put("limit_percent", fleet.quotaLimitPercent());
        mode.put("week_partition", fleet.quotaWeekPartition());
        mode.put("daily_allowance_percent", fleet.dailyAllowancePercent().orElse(null));
        return mode;
    }

    /** A null limit or partition keeps the current value (admin.md §2.5). */
    public Map<String, Object> setQuotaMode(boolean hardFail, Integer limitPercent, Integer weekPartition, AuditTrail.Actor actor) {
        // Checked here too, so the console and the API share one rule.
        if (limitPercent != null && (limitPercent < 50 || limitPercent > 100)) {
            throw ValidationFailed.of("limit_percent", "limit_percent must be between 50 and 100");
        }
        if (weekPartition != null && weekPartition != 0 && weekPartition != 5 && weekPartition != 7) {
            throw ValidationFailed.of("week_partition", "week_partition must be one of: off, 7, 5");
        }
        Map<String, Object> before = quotaMode();
        settings.put(SettingKeys.QUOTA_HARD_FAIL, hardFail ? "1" : "0");
        if (limitPercent != null) {
            settings.put(SettingKeys.QUOTA_LIMIT_PERCENT, String.valueOf(limitPercent));
        }
        if (weekPartition != null) {
            settings.put(SettingKeys.QUOTA_WEEK_PARTITION, String.valueOf(weekPartition));
        }
        Map<String, Object> after = quotaMode();
        audit.record(actor, "quota_mode", "fleet", "quota", before, after, "ok");
        return after;
    }

    /** The minutes an insecure-host window opens for when an admin does not say (admin.md §2.5), default 10. */
    public Map<String, Object> insecureWindowDefault() {
        long minutes = settings.fresh().number(SettingKeys.INSECURE_WINDOW_DEFAULT_MINUTES)
                .filter(m -> m >= 1 && m <= InsecureWindow.MAX_MINUTES).orElse((long) InsecureWindow.DEFAULT_MINUTES);
        return Map.of("minutes", minutes);
    }

    public Map<String, Object> setInsecureWindowDefault(int minutes, AuditTrail.Actor actor) {
        Map<String, Object> before = insecureWindowDefault();
        settings.put(SettingKeys.INSECURE_WINDOW_DEFAULT_MINUTES, String.valueOf(minutes));
        Map<String, Object> after = Map.of("minutes", (long) minutes);
        audit.record(actor, "insecure_window_default", "fleet", "insecure_window_default_minutes", before, after, "ok");
        return after;
    }

    public Map<String, Object> codexVersion() {
        FleetSettings fleet = settings.fresh();
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("locked_version", fleet.text(SettingKeys.CLIENT_VERSION_LOCK).orElse(null));
        lock.put("locked_at", fleet.text(SettingKeys.CLIENT_VERSION_LOCK).flatMap(v -> fleet.updatedAt(SettingKeys.CLIENT_VERSION_LOCK))
                .map(Timestamps::format).orElse(null));
        return lock;
    }

    /** Pins the fleet to a version (hosts converge exactly, up or down), or with null follows the latest release. */
    public Map<String, Object> setCodexVersion(String version, AuditTrail.Actor actor) {
        Map<String, Object> before = codexVersion();
        if (version == null) {
            settings.remove(SettingKeys.CLIENT_VERSION_LOCK);
        } else {
            settings.put(SettingKeys.CLIENT_VERSION_LOCK, version);
        }
        Map<String, Object> after = codexVersion();
        audit.record(actor, "codex_version", "fleet", "client_version_lock", before, after, "ok");
        return after;
    }
}
