package dev.codexauth.auth.control;

import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.ops.control.SettingsStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.Optional;

/**
 * One validation of the canonical auth by the runner, applying a refreshed document it returns: the scheduled
 * check and the admin "run now" ({@code POST /admin/runner/run}).
 */
@Stateless
public class RunnerChecks {

    @EJB
    ClusterLock lock;

    @EJB
    AuthRunner runner;

    @EJB
    RunnerGate gate;

    @EJB
    CanonicalStore canonicalStore;

    @EJB
    SettingsStore store;

    /** Outcome of one check of the canonical auth. */
    public record Check(RunnerResult result, boolean applied, StoredCanonical canonical) {
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Check runExclusively(String trigger) {
        return lock.runExclusively("runner", () -> run(trigger));
    }

    /** The timer's check: once a minute for the whole cluster. */
    public Check runScheduled() {
        return lock.runOncePer(Duration.ofMinutes(1), "runner", () -> run("scheduled"));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Check run(String trigger) {
        Optional<StoredCanonical> current = canonicalStore.current();
        if (current.isEmpty()) {
            return null;
        }
        StoredCanonical canonical = current.get();
        RunnerResult result = runner.validate(canonical.canonical().document(), trigger, canonical.sourceHostId());
        long streak = result.ok() ? 0 : store.current().number(RunnerSchedule.FAIL_STREAK).orElse(0L) + 1;
        store.put(RunnerSchedule.FAIL_STREAK, String.valueOf(streak));
        if (!result.ok()) {
            return new Check(result, false, canonical);
        }
        Optional<Canonical> newer = gate.refreshed(result.updatedAuth(), canonical.canonical(), trigger, canonical.sourceHostId());
        if (newer.isPresent()) {
            return new Check(result, true, canonicalStore.save(newer.get(), canonical.sourceHostId()));
        }
        return new Check(result, false, canonical);
    }
}
