package dev.codexauth.security.control;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    public static Optional<Cidr> parse(String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        Optional<InetAddress> address = IpAddresses.parse(slash < 0 ? value : value.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(bytes, prefix));
    }

    /** Parses a comma- or space-separated list; unreadable entries are reported by the returned list's absence. */
    public static List<Cidr> parseList(String list, List<String> rejected) {
        List<Cidr> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        for (String entry : list.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            parse(entry).ifPresentOrElse(result::add, () -> rejected.add(entry));
        }
        return result;
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = IpAddresses.unmap(address).getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
