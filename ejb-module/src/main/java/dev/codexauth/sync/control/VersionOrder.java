package dev.codexauth.sync.control;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Codex and wrapper version strings: normalising what hosts report, and ordering them like {@code sort -V}. */
public final class VersionOrder {

    public static final Comparator<String> NATURAL = VersionOrder::compare;
    private static final Pattern SEMVER = Pattern.compile("^\\d+\\.\\d+\\.\\d+$");

    private VersionOrder() {
    }

    /** Trims and strips the prefixes hosts and admins use: {@code codex-cli}, {@code codex}, {@code rust-}, {@code v}. */
    public static String normalize(String reported) {
        if (reported == null) {
            return null;
        }
        String value = reported.trim();
        for (String prefix : new String[] {"codex-cli", "codex", "rust-"}) {
            if (value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                value = value.substring(prefix.length()).trim();
            }
        }
        if (value.startsWith("v") || value.startsWith("V")) {
            value = value.substring(1);
        }
        return value.trim();
    }

    /** A normalised {@code major.minor.patch} version, or empty. */
    public static Optional<String> semantic(String selection) {
        String value = normalize(selection);
        return value != null && SEMVER.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    public static int compare(String a, String b) {
        String[] left = a.split("[.-]");
        String[] right = b.split("[.-]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "";
            String r = i < right.length ? right[i] : "";
            int order = l.matches("\\d+") && r.matches("\\d+")
                    ? new java.math.BigInteger(l).compareTo(new java.math.BigInteger(r))
                    : l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
