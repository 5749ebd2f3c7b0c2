package dev.codexauth.auth.control;

import dev.codexauth.ops.control.Events;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Optional;

/**
 * Canonical auth uploaded by an admin or through a seed token: validated like a host store, never sent to the
 * runner, and stored under the same rule as host stores (the original refused a same-time upload with other
 * content from these paths only).
 */
@Stateless
public class CanonicalUploads {

    /** The outcome of an upload: {@code updated}, {@code unchanged} or {@code outdated}, and the canonical after it. */
    public record Result(String status, StoredCanonical canonical) {
    }

    @EJB
    CanonicalStore store;

    @EJB
    Events events;

    @EJB
    dev.codexauth.ops.control.SettingsStore settings;

    @EJB
    dev.codexauth.sync.control.FleetVersions versions;

    /** The answer hosts' tools and the admin API give for an upload; {@code host} only for host-scoped uploads. */
    public UploadAnswer answer(Result result, dev.codexauth.host.entity.Host host) {
        dev.codexauth.ops.control.FleetSettings fleet = settings.current();
        return new UploadAnswer(result.status(), result.canonical().lastRefresh(), result.canonical().digest(),
                host == null ? null : dev.codexauth.host.control.HostBlock.of(host), host == null ? 0 : host.getApiCalls(), null,
                versions.snapshot(), fleet.quotaHardFail(), fleet.quotaLimitPercent(), fleet.quotaWeekPartition(),
                fleet.cdxSilent(), false);
    }

    /**
     * @param sourceHostId the host the admin attributes the upload to, or null for the system
     * @param via          {@code admin-upload} or {@code seed-upload}, logged as the client version
     */
    public Result upload(Canonical upload, Long sourceHostId, String via) {
        Optional<StoredCanonical> current = store.current();
        Result result;
        if (AuthSync.wouldUpdate(upload, current.orElse(null))) {
            result = new Result("updated", store.save(upload, sourceHostId));
        } else if (LastRefresh.compare(upload.lastRefresh(), current.get().lastRefresh()) == 0) {
            result = new Result("unchanged", current.get());
        } else {
            result = new Result("outdated", current.get());
        }
        events.record(sourceHostId, "auth.store", Events.details("status", result.status(),
                "incoming_last_refresh", upload.lastRefresh(), "incoming_digest", upload.digest(),
                "stored_last_refresh", result.canonical().lastRefresh(), "stored_digest", result.canonical().digest(),
                "client_version", via));
        return result;
    }
}
