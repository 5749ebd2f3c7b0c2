package dev.codexauth.ops.control;

import dev.codexauth.ops.entity.Setting;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of table {@code versions}, read with the original's rules: flags are on for
 * {@code 1/true/yes/on} (any case), numbers out of range fall back to their defaults.
 */
public final class FleetSettings {

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");

    private final Map<String, Setting> rows;

    public FleetSettings(Map<String, Setting> rows) {
        this.rows = Map.copyOf(rows);
    }

    public Optional<String> text(String key) {
        Setting row = rows.get(key);
        return row == null || row.getVersion() == null || row.getVersion().isBlank()
                ? Optional.empty() : Optional.of(row.getVersion().trim());
    }

    public Optional<Instant> updatedAt(String key) {
        Setting row = rows.get(key);
        return row == null ? Optional.empty() : Optional.ofNullable(row.getUpdatedAt());
    }

    public boolean flag(String key, boolean fallback) {
        return text(key).map(v -> TRUE.contains(v.toLowerCase(Locale.ROOT))).orElse(fallback);
    }

    public Optional<Long> number(String key) {
        return text(key).flatMap(v -> {
            try {
                return Optional.of(Math.round(Double.parseDouble(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public boolean apiDisabled() {
        return flag(SettingKeys.API_DISABLED, false);
    }

    public boolean cdxSilent() {
        return flag(SettingKeys.CDX_SILENT, false);
    }

    public boolean quotaHardFail() {
        return flag(SettingKeys.QUOTA_HARD_FAIL, true);
    }

    /** 50–100, default 100. */
    public int quotaLimitPercent() {
        return number(SettingKeys.QUOTA_LIMIT_PERCENT).map(n -> (int) Math.max(50, Math.min(100, n))).orElse(100);
    }

    /** 0 (off), 5 or 7. */
    public int quotaWeekPartition() {
        return number(SettingKeys.QUOTA_WEEK_PARTITION).filter(n -> n == 5 || n == 7).map(Long::intValue).orElse(0);
    }

    /**
     * The share of the weekly quota one day may use, in percent: A = max(1, ⌊(L + ⌊P/2⌋) / P⌋), or empty when the
     * week is not partitioned (SPEC.md, "Decisions where the documents disagree").
     */
    public Optional<Integer> dailyAllowancePercent() {
        int partition = quotaWeekPartition();
        if (partition == 0) {
            return Optional.empty();
        }
        return Optional.of(Math.max(1, (quotaLimitPercent() + partition / 2) / partition));
    }
}
