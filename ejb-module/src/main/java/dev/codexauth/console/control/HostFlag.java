package dev.codexauth.console.control;

import dev.codexauth.host.entity.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The on/off settings of one host an admin changes (admin.md §2, §3.3), each with its audit action and what turning it
 * on or off does to the host: one place for the rule, used by {@code /admin/api/hosts/{id}/...} and the console.
 */
public enum HostFlag {

    SECURE("secure", "Secure host", Host::setSecure),
    VIP("vip", "VIP host", Host::setVip),
    ROAMING("roaming", "Roaming IPs", Host::setAllowRoamingIps),
    /** Forcing IPv4 (or not) forgets the bound address, which may be an IPv6 one; the next call binds again. */
    FORCE_IPV4("force_ipv4", "Force IPv4", (host, on) -> {
        host.setForceIpv4(on);
        host.setIp(null);
    }),
    CURL_INSECURE("curl_insecure", "Insecure TLS for sync", Host::setCurlInsecure),
    /** A temporary host is removed after two hours without contact. */
    TEMPORARY("temporary", "Temporary host", (host, on) -> host.setExpiresAt(on ? Instant.now().plus(Duration.ofHours(2)) : null));

    private final String action;
    private final String label;
    private final BiConsumer<Host, Boolean> apply;

    HostFlag(String action, String label, BiConsumer<Host, Boolean> apply) {
        this.action = action;
        this.label = label;
        this.apply = apply;
    }

    /** The audit action's suffix ({@code host.<action>}). */
    public String action() {
        return action;
    }

    /** How the console names it. */
    public String label() {
        return label;
    }

    void apply(Host host, boolean on) {
        apply.accept(host, on);
    }
}
