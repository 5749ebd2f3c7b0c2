package dev.codexauth.console.pages;

import dev.codexauth.console.control.FleetPolicy;
import dev.codexauth.console.control.HostAdministration;
import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.ops.control.Timestamps;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The top bar's Insecure hosts button and dialog on every page (admin.md §3.1, §3.3): the insecure hosts, open
 * windows first, each opened for the fleet default minutes or closed through {@link HostAdministration}, audited as
 * {@code /admin/api/hosts/{id}/insecure/enable} and {@code .../disable} are.
 */
@Named
@ViewScoped
public class InsecureHostsPanel implements Serializable {

    private static final long serialVersionUID = 1L;
    /** As many as {@code GET /admin/api/hosts/insecure} lists. */
    private static final int LISTED = 500;

    @Inject
    HostDirectory directory;

    @Inject
    HostAdministration administration;

    @Inject
    FleetPolicy policy;

    @Inject
    ConsoleUser user;

    private Long count;
    private List<HostDirectory.InsecureHost> hosts;

    /** The number on the button; the button is shown only when some host is insecure. */
    public long getCount() {
        if (count == null) {
            count = directory.insecureCount();
        }
        return count;
    }

    /** Reads the list again: when the dialog opens and after each change. */
    public void load() {
        hosts = directory.insecure(LISTED);
        count = null;
    }

    /** Every page holds the dialog; its list is read only once it is opened. */
    public boolean isLoaded() {
        return hosts != null;
    }

    public List<HostDirectory.InsecureHost> getHosts() {
        return hosts;
    }

    public long getDefaultMinutes() {
        return ((Number) policy.insecureWindowDefault().get("minutes")).longValue();
    }

    public void enable(HostDirectory.InsecureHost host) {
        if (user.mayChange()) {
            int minutes = (int) getDefaultMinutes();
            Feedback.run("Insecure window open for " + minutes + " min: " + host.fqdn(),
                    () -> administration.insecureEnable(host.id(), Optional.of(minutes), false, user.actor()));
        }
        load();
    }

    public void disable(HostDirectory.InsecureHost host) {
        if (user.mayChange()) {
            Feedback.run("Insecure window closed: " + host.fqdn(), () -> administration.insecureDisable(host.id(), user.actor()));
        }
        load();
    }

    /** Whole minutes until the window closes, rounded up so an open window never reads "0 min". */
    public long minutesLeft(HostDirectory.InsecureHost host) {
        Instant until = Timestamps.parse(host.enabledUntil()).orElse(Instant.now());
        return Math.max(1, (Duration.between(Instant.now(), until).getSeconds() + 59) / 60);
    }
}
