package dev.codexauth.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress("10.0.0.5, 10.1.0.0/16");
    private final ClientAddress direct = new ClientAddress("");

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        assertThat(direct.resolve("203.0.113.9", "1.2.3.4", "5.6.7.8")).hasValue("203.0.113.9");
        assertThat(behindProxy.resolve("203.0.113.9", "1.2.3.4", null)).hasValue("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxy.resolve("10.0.0.5", "198.51.100.1, 192.0.2.44, 10.1.2.3", null)).hasValue("192.0.2.44");
        assertThat(behindProxy.resolve("10.0.0.5", "spoofed-by-client, 192.0.2.44", null)).hasValue("192.0.2.44");
        assertThat(behindProxy.resolve("10.0.0.5", null, "192.0.2.7:5555")).hasValue("192.0.2.7");
        assertThat(behindProxy.resolve("10.0.0.5", "10.1.0.9", null)).as("only proxies: the peer itself").hasValue("10.0.0.5");
    }

    @Test
    void addressesAreComparedParsedNotAsText() {
        assertThat(direct.resolve("::ffff:192.0.2.1", null, null)).hasValue("192.0.2.1");
        assertThat(direct.resolve("2001:DB8:0:0:0:0:0:1", null, null)).hasValue("2001:db8::1");
        assertThat(IpAddresses.same("2001:db8::1", "2001:0db8:0000::0001")).isTrue();
        assertThat(IpAddresses.same("[2001:db8::1]:443", "2001:db8::1")).isTrue();
        assertThat(IpAddresses.same("192.0.2.1", "192.0.2.2")).isFalse();
    }

    @Test
    void noReadablePeerFailsClosed() {
        assertThat(direct.resolve("not-an-ip", "192.0.2.1", null)).isEmpty();
        assertThat(IpAddresses.parse("example.com")).as("never resolves names").isEmpty();
    }

    @Test
    void networksMatchByPrefixAndFamily() {
        Cidr net = Cidr.parse("172.28.0.0/16").orElseThrow();
        assertThat(net.contains(IpAddresses.parse("172.28.200.1").orElseThrow())).isTrue();
        assertThat(net.contains(IpAddresses.parse("172.29.0.1").orElseThrow())).isFalse();
        assertThat(net.contains(IpAddresses.parse("::1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("fd00::/8").orElseThrow().contains(IpAddresses.parse("fd12::3").orElseThrow())).isTrue();
        assertThatThrownBy(() -> new ClientAddress("10.0.0.0/33")).hasMessageContaining("TRUSTED_PROXIES");
    }
}
