package dev.codexauth.console.pages;

import dev.codexauth.console.control.HostAdministration;
import dev.codexauth.console.control.HostFlag;
import dev.codexauth.host.control.HostListing;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The on/off settings of the host open in the hosts page's detail dialog (admin.md §3.3): secure, VIP, roaming,
 * force IPv4, insecure TLS, temporary, and resetting the IP binding. Each change goes through
 * {@link HostAdministration} as {@code /admin/api/hosts/{id}/...} does, and the dialog then shows the host as stored.
 */
@Named
@ViewScoped
public class HostFlagsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One setting as the dialog shows it: whether it is on, and the button that turns it the other way. */
    public record Setting(HostFlag flag, boolean on) {

        public String id() {
            return flag.name().toLowerCase().replace("_", "");
        }

        public String label() {
            return flag.label();
        }

        /** Turning these on (or secure off) changes how the host is reached or trusted, so the console asks first. */
        public boolean asks() {
            return flag == HostFlag.SECURE ? on : !on && (flag == HostFlag.FORCE_IPV4 || flag == HostFlag.CURL_INSECURE);
        }
    }

    @Inject
    HostAdministration administration;

    @Inject
    HostsPage hosts;

    @Inject
    ConsoleUser user;

    public List<Setting> getSettings() {
        HostListing.Item host = hosts.getSelected();
        if (host == null) {
            return List.of();
        }
        return List.of(new Setting(HostFlag.SECURE, host.secure()), new Setting(HostFlag.VIP, host.vip()),
                new Setting(HostFlag.ROAMING, host.allowRoamingIps()), new Setting(HostFlag.FORCE_IPV4, host.forceIpv4()),
                new Setting(HostFlag.CURL_INSECURE, host.curlInsecure()), new Setting(HostFlag.TEMPORARY, host.expiresAt() != null));
    }

    /** Turns the setting the other way; on failure the dialog keeps showing the stored state. */
    public void flip(Setting setting) {
        HostListing.Item host = hosts.getSelected();
        if (host != null && user.mayChange()) {
            boolean on = !setting.on();
            Feedback.run(setting.label() + (on ? " on: " : " off: ") + host.fqdn(),
                    () -> administration.set(host.id(), setting.flag(), on, user.actor()));
            hosts.openDetail(host);
        }
    }

    public void resetIp() {
        HostListing.Item host = hosts.getSelected();
        if (host != null && user.mayChange()) {
            Feedback.run("IP binding reset: " + host.fqdn(), () -> administration.resetIp(host.id(), user.actor()));
            hosts.openDetail(host);
        }
    }
}
