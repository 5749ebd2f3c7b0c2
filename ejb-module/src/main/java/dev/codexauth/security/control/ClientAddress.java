package dev.codexauth.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is calling. The socket peer, unless that peer is one of the configured {@code TRUSTED_PROXIES}: then the
 * right-most {@code X-Forwarded-For} hop that is not a trusted proxy (or {@code X-Real-IP} when there is no
 * {@code X-Forwarded-For}). Forwarded headers from any other peer are ignored, so a caller cannot choose its IP to
 * defeat IP binding or rate limits (host-api.md §6.1).
 */
@ApplicationScoped
public class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());

    @Inject
    @ConfigProperty(name = "trusted.proxies")
    Optional<String> trustedProxiesSetting;

    private List<Cidr> trustedProxies = List.of();

    public ClientAddress() {
    }

    /** For tests and tools outside the container. */
    public ClientAddress(String trustedProxies) {
        this.trustedProxiesSetting = Optional.ofNullable(trustedProxies);
        init();
    }

    @PostConstruct
    void init() {
        List<String> rejected = new ArrayList<>();
        trustedProxies = Cidr.parseList(trustedProxiesSetting.orElse(""), rejected);
        if (!rejected.isEmpty()) {
            throw new IllegalStateException("TRUSTED_PROXIES has entries that are not IP addresses or networks: " + rejected);
        }
        if (!trustedProxies.isEmpty()) {
            LOG.info(() -> "Forwarded client addresses are read only from " + trustedProxiesSetting.orElse("").trim());
        }
    }

    /**
     * Every {@code X-Forwarded-For} line of a request as one list, in order. A proxy that adds a line of its own puts it
     * after the client's, so reading only the first line (what {@code getHeader} gives) would take the address the
     * client wrote for the one the proxy saw.
     */
    public static String forwardedFor(Enumeration<String> lines) {
        return lines == null || !lines.hasMoreElements() ? null : String.join(",", Collections.list(lines));
    }

    /** @return the caller's canonical IP, or empty when even the peer address is unreadable (fail closed) */
    public Optional<String> resolve(String peer, String forwardedFor, String realIp) {
        Optional<InetAddress> peerAddress = IpAddresses.parse(peer);
        if (peerAddress.isEmpty()) {
            return Optional.empty();
        }
        if (!isTrustedProxy(peerAddress.get())) {
            return Optional.of(IpAddresses.canonical(peerAddress.get()));
        }
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = IpAddresses.parse(hops[i]);
                if (hop.isEmpty()) {
                    break; // a garbled hop: trust nothing to its left
                }
                if (!isTrustedProxy(hop.get())) {
                    return Optional.of(IpAddresses.canonical(hop.get()));
                }
            }
        } else if (realIp != null && !realIp.isBlank()) {
            Optional<InetAddress> real = IpAddresses.parse(realIp);
            if (real.isPresent()) {
                return Optional.of(IpAddresses.canonical(real.get()));
            }
        }
        return Optional.of(IpAddresses.canonical(peerAddress.get()));
    }

    public boolean isTrustedProxy(String peer) {
        return IpAddresses.parse(peer).map(this::isTrustedProxy).orElse(false);
    }

    private boolean isTrustedProxy(InetAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
