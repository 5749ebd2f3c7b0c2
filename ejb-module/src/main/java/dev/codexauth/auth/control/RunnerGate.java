package dev.codexauth.auth.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Events;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the validation runner meets host uploads: the pre-store check (the only runner call a request waits for,
 * and only when the upload would change the canonical auth), the later check after stores that changed nothing,
 * and adopting the refreshed auth.json a runner returns.
 */
@Stateless
public class RunnerGate {

    private static final Logger LOG = Logger.getLogger(RunnerGate.class.getName());

    /** The runner's say on an upload: a refreshed replacement to store instead, and what to tell the host. */
    public record Verdict(Optional<Canonical> replacement, Boolean applied, JsonObject validation) {
    }

    @Inject
    RunnerSettings settings;

    @EJB
    AuthRunner runner;

    @EJB
    CanonicalStore canonicalStore;

    @EJB
    Events events;

    @Inject
    TokenRules tokenRules;

    public Verdict preStore(Canonical upload, Long hostId) {
        RunnerSettings.Policy policy = settings.policy();
        if (policy == RunnerSettings.Policy.OFF) {
            return new Verdict(Optional.empty(), false, null);
        }
        if (settings.url().isEmpty()) {
            throw new ApiException(503, "runner_required", "Auth runner required");
        }
        RunnerResult result = runner.validate(upload.document(), "pre_store", hostId);
        JsonObject validation = AuthAnswer.validation(result);
        if (!result.reachable()) {
            if (policy == RunnerSettings.Policy.REQUIRED) {
                throw new ApiException(503, "runner_unavailable", "Auth runner unavailable");
            }
            return new Verdict(Optional.empty(), false, validation);
        }
        if (!result.ok()) {
            throw ValidationFailed.of("auth", "runner validation failed: " + result.reasonCode());
        }
        Optional<Canonical> refreshed = refreshed(result.updatedAuth(), upload, "pre_store", hostId);
        return new Verdict(refreshed, refreshed.isPresent(), validation);
    }

    /** After a store that changed nothing, the runner checks the canonical auth in the background. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void checkLater(Long hostId) {
        if (!settings.enabled()) {
            return;
        }
        try {
            canonicalStore.current().ifPresent(current -> {
                RunnerResult result = runner.validate(current.canonical().document(), "store", hostId);
                if (result.ok()) {
                    refreshed(result.updatedAuth(), current.canonical(), "store", hostId)
                            .ifPresent(newer -> canonicalStore.save(newer, current.sourceHostId() != null ? current.sourceHostId() : hostId));
                }
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "Background runner check failed: " + e.getMessage());
        }
    }

    /**
     * A refreshed document from the runner, canonicalised, when it is not older than the reference; logged as
     * {@code auth.runner_store} applied, skipped or failed.
     */
    public Optional<Canonical> refreshed(JsonObject updated, Canonical reference, String trigger, Long hostId) {
        if (updated == null) {
            return Optional.empty();
        }
        try {
            Canonical candidate = CanonicalAuth.canonicalize(updated, tokenRules.minLength(), "updated_auth");
            boolean newer = LastRefresh.compare(candidate.lastRefresh(), reference.lastRefresh()) >= 0
                    && !candidate.digest().equals(reference.digest());
            events.record(hostId, "auth.runner_store", Events.details("status", newer ? "applied" : "skipped", "trigger", trigger,
                    "digest", candidate.digest(), "last_refresh", candidate.lastRefresh()));
            return newer ? Optional.of(candidate) : Optional.empty();
        } catch (ValidationFailed e) {
            events.record(hostId, "auth.runner_store", Events.details("status", "failed", "trigger", trigger,
                    "reason", String.valueOf(e.errors())));
            return Optional.empty();
        }
    }
}
