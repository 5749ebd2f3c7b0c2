package dev.codexauth.auth.control;

import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Validates the canonical auth on a timer instead of inside host requests (host-api.md §6.3): every
 * {@code AUTH_RUNNER_PREFLIGHT_SECONDS} while the runner is healthy, and while it fails with exponential backoff
 * from one to sixty minutes. One node of the cluster runs it at a time.
 */
@Singleton
public class RunnerSchedule {

    private static final Logger LOG = Logger.getLogger(RunnerSchedule.class.getName());
    static final String FAIL_STREAK = "runner_fail_streak";

    @Inject
    RunnerSettings settings;

    @EJB
    SettingsStore store;

    @EJB
    RunnerChecks checks;

    @Schedule(hour = "*", minute = "*", second = "17", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void tick() {
        if (!settings.enabled() || !due(store.current(), Instant.now())) {
            return;
        }
        try {
            checks.runScheduled();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Scheduled runner check failed: " + e.getMessage());
        }
    }

    boolean due(FleetSettings fleet, Instant now) {
        Optional<Instant> lastCheck = time(fleet, SettingKeys.RUNNER_LAST_CHECK);
        if ("fail".equals(fleet.text(SettingKeys.RUNNER_STATE).orElse(""))) {
            long streak = fleet.number(FAIL_STREAK).orElse(1L);
            Duration backoff = Duration.ofSeconds(Math.min(3600, 60L << Math.min(6, Math.max(0, streak - 1))));
            return time(fleet, SettingKeys.RUNNER_LAST_FAIL).map(last -> !last.plus(backoff).isAfter(now)).orElse(true);
        }
        return lastCheck.map(last -> !last.plusSeconds(settings.preflightSeconds()).isAfter(now)).orElse(true);
    }

    private static Optional<Instant> time(FleetSettings fleet, String key) {
        return fleet.text(key).flatMap(dev.codexauth.ops.control.Timestamps::parse);
    }
}
