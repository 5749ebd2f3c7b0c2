package dev.codexauth.console.pages;

import dev.codexauth.console.control.FleetPolicy;
import dev.codexauth.sync.control.CodexReleases;
import dev.codexauth.sync.control.VersionOrder;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/settings.xhtml}: the host API kill switch (typed confirmation and a reason to switch it off), the
 * quota policy and the fleet's Codex version pin (admin.md §3.5), each saved and audited by {@link FleetPolicy}.
 */
@Named
@ViewScoped
public class SettingsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String TYPED_CONFIRMATION = "DISABLE";

    @Inject
    FleetPolicy policy;

    @Inject
    CodexReleases releases;

    @Inject
    ConsoleUser user;

    private Map<String, Object> apiState;
    private String confirmation;
    private String reason;
    private boolean hardFail;
    private int limitPercent;
    private int weekPartition;
    private String versionPin;

    @PostConstruct
    void load() {
        apiState = policy.apiState();
        Map<String, Object> quota = policy.quotaMode();
        hardFail = Boolean.TRUE.equals(quota.get("hard_fail"));
        limitPercent = ((Number) quota.get("limit_percent")).intValue();
        weekPartition = ((Number) quota.get("week_partition")).intValue();
        Object pinned = policy.codexVersion().get("locked_version");
        versionPin = pinned == null ? "latest" : pinned.toString();
    }

    /** Switches the host API off: hosts get 503 at once; the console and the admin API keep working. */
    public void disableApi() {
        if (!user.mayChange()) {
            return;
        }
        if (!TYPED_CONFIRMATION.equals(confirmation == null ? "" : confirmation.trim())) {
            Feedback.fieldError("disableForm:confirmation", "Type DISABLE to confirm");
            return;
        }
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            Feedback.fieldError("disableForm:reason", "Give a reason of at most 200 characters");
            return;
        }
        if (Feedback.run("Host API disabled", () -> policy.setApiState(true, reason.trim(), user.actor()))) {
            confirmation = null;
            reason = null;
        }
        apiState = policy.apiState();
    }

    public void enableApi() {
        if (user.mayChange()) {
            Feedback.run("Host API enabled", () -> policy.setApiState(false, null, user.actor()));
        }
        apiState = policy.apiState();
    }

    public void saveQuota() {
        if (user.mayChange()) {
            Feedback.run("Quota policy saved", () -> policy.setQuotaMode(hardFail, limitPercent, weekPartition, user.actor()));
        }
    }

    /** {@code latest} follows the newest release (looked up now); a version like 0.63.0 pins the fleet to it. */
    public void saveVersionPin() {
        if (!user.mayChange()) {
            return;
        }
        String selection = versionPin == null ? "" : versionPin.trim();
        if (selection.equalsIgnoreCase("latest") || selection.isEmpty()) {
            if (Feedback.run("The fleet follows the latest Codex release", () -> policy.setCodexVersion(null, user.actor()))) {
                releases.refresh();
                versionPin = "latest";
            }
            return;
        }
        Optional<String> version = VersionOrder.semantic(selection);
        if (version.isEmpty()) {
            Feedback.fieldError("versions:pin", "Enter latest or a version like 0.63.0");
            return;
        }
        Feedback.run("The fleet is pinned to Codex " + version.get(), () -> policy.setCodexVersion(version.get(), user.actor()));
    }

    public boolean isApiDisabled() {
        return Boolean.TRUE.equals(apiState.get("disabled"));
    }

    public Map<String, Object> getApiState() {
        return apiState;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public boolean isHardFail() {
        return hardFail;
    }

    public void setHardFail(boolean hardFail) {
        this.hardFail = hardFail;
    }

    public int getLimitPercent() {
        return limitPercent;
    }

    public void setLimitPercent(int limitPercent) {
        this.limitPercent = limitPercent;
    }

    public int getWeekPartition() {
        return weekPartition;
    }

    public void setWeekPartition(int weekPartition) {
        this.weekPartition = weekPartition;
    }

    public String getVersionPin() {
        return versionPin;
    }

    public void setVersionPin(String versionPin) {
        this.versionPin = versionPin;
    }
}
