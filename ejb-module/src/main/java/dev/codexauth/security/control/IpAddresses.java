package dev.codexauth.security.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals as the host API compares them: parsed, never compared as text, so {@code ::ffff:10.0.0.1} and
 * {@code 10.0.0.1} or two spellings of one IPv6 address are the same caller. Never resolves names.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+(%[\\w.-]+)?$");

    private IpAddresses() {
    }

    /**
     * Reads an address as headers and sockets give it: trims, drops a {@code [v6]:port} wrapper or an IPv4
     * {@code :port}, and accepts only IP literals.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            value = value.substring(1, end);
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.contains(".") && value.contains(":")) {
            value = value.substring(0, value.indexOf(':'));
        }
        if (!(IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(unmap(InetAddress.getByName(value)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The canonical text of an address: IPv4 dotted, IPv6 compressed lower case, IPv4-mapped IPv6 as IPv4. */
    public static String canonical(InetAddress address) {
        InetAddress plain = unmap(address);
        if (plain instanceof Inet6Address) {
            return compress(plain.getHostAddress().replaceAll("%.*$", ""));
        }
        return plain.getHostAddress();
    }

    public static Optional<String> canonical(String text) {
        return parse(text).map(IpAddresses::canonical);
    }

    public static boolean same(String a, String b) {
        Optional<InetAddress> left = parse(a);
        Optional<InetAddress> right = parse(b);
        return left.isPresent() && right.isPresent() && left.get().equals(right.get());
    }

    static InetAddress unmap(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address && raw.length == 16 && isMappedV4(raw)) {
            try {
                return Inet4Address.getByAddress(new byte[] {raw[12], raw[13], raw[14], raw[15]});
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    private static boolean isMappedV4(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    /** Java prints {@code 0:0:0:0:0:0:0:1}; RFC 5952 writes {@code ::1}. */
    private static String compress(String full) {
        String[] groups = full.toLowerCase(Locale.ROOT).split(":");
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
