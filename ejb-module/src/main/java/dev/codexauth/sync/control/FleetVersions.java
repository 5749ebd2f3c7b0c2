package dev.codexauth.sync.control;

import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.Installation;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds the fleet's version snapshot from stored state only: no upstream call and no write on the request path
 * (the latest Codex release is fetched by a timer into setting {@code client_available}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetVersions {

    /** How long a fetched latest-release value counts as fresh (sync.md §7). */
    static final Duration RELEASE_CACHE = Duration.ofHours(3);
    private static final long REPORTED_CACHE_NANOS = Duration.ofSeconds(10).toNanos();
    public static final String WRAPPER_URL = "/wrapper/download";

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    SettingsStore settings;

    @EJB
    Installation installation;

    @Inject
    dev.codexauth.auth.control.RunnerSettings runner;

    private volatile String reportedClientVersion;
    private volatile long reportedLoadedAt;

    public VersionsBlock snapshot() {
        FleetSettings fleet = settings.current();
        Release release = release(fleet);
        return new VersionsBlock(
                release.version(), release.checkedAt(), release.source(),
                fleet.text(SettingKeys.WRAPPER).orElse(null), null, WRAPPER_URL,
                reportedClientVersion(),
                fleet.quotaHardFail(), fleet.quotaLimitPercent(), fleet.quotaWeekPartition(), fleet.cdxSilent(),
                runner.enabled(),
                fleet.text(SettingKeys.RUNNER_STATE).orElse(null),
                fleet.text(SettingKeys.RUNNER_LAST_OK).orElse(null),
                fleet.text(SettingKeys.RUNNER_LAST_FAIL).orElse(null),
                fleet.text(SettingKeys.RUNNER_LAST_CHECK).orElse(null),
                installation.id());
    }

    /** The versions block one host receives: its own Codex pin overrides the fleet's. */
    public VersionsBlock forHost(dev.codexauth.host.entity.Host host) {
        VersionsBlock fleet = snapshot();
        String pin = host.getClientVersionOverride();
        return pin == null || pin.isBlank() ? fleet : fleet.pinnedTo(pin.trim());
    }

    record Release(String version, String checkedAt, String source) {
    }

    /** Fleet pin first, then the cached latest release (sync.md §7; a host pin is applied per host). */
    Release release(FleetSettings fleet) {
        Optional<String> pin = fleet.text(SettingKeys.CLIENT_VERSION_LOCK);
        if (pin.isPresent()) {
            return new Release(pin.get(), fleet.updatedAt(SettingKeys.CLIENT_VERSION_LOCK).map(Timestamps::format).orElse(null), "locked");
        }
        Optional<String> available = fleet.text(SettingKeys.CLIENT_AVAILABLE);
        if (available.isEmpty()) {
            return new Release(null, null, "unknown");
        }
        Instant fetched = fleet.updatedAt(SettingKeys.CLIENT_AVAILABLE).orElse(Instant.EPOCH);
        boolean fresh = fetched.plus(RELEASE_CACHE).isAfter(Instant.now());
        return new Release(available.get(), Timestamps.format(fetched), fresh ? "cache" : "cache_stale");
    }

    /** The highest Codex version any host reported, from a short-lived cache over one DISTINCT query. */
    public String reportedClientVersion() {
        if (reportedLoadedAt != 0 && System.nanoTime() - reportedLoadedAt < REPORTED_CACHE_NANOS) {
            return reportedClientVersion;
        }
        List<String> versions = em.createQuery(
                "SELECT DISTINCT h.clientVersion FROM Host h WHERE h.clientVersion IS NOT NULL AND h.clientVersion <> 'unknown'",
                String.class).getResultList();
        reportedClientVersion = versions.stream().filter(v -> !v.isBlank()).max(VersionOrder.NATURAL).orElse(null);
        reportedLoadedAt = System.nanoTime();
        return reportedClientVersion;
    }
}
