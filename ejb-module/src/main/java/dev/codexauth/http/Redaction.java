package dev.codexauth.http;

import java.util.regex.Pattern;

/** Keeps secrets out of logs: tokens in paths and long credential-like values are cut to an 8-character prefix. */
public final class Redaction {

    private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_+/=.-]{20,}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Redaction() {
    }

    /**
     * The path with every token-like segment (installer and seed UUIDs, keys) shortened to {@code abcd1234…}, and
     * control characters replaced: a decoded {@code %0A} would otherwise start a log line of the caller's choosing.
     */
    public static String path(String path) {
        if (path == null) {
            return "";
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (SECRET_LIKE.matcher(segments[i]).matches()) {
                segments[i] = prefix(segments[i]);
            }
        }
        return CONTROL.matcher(String.join("/", segments)).replaceAll("?");
    }

    /** Client-supplied text fit for one log line: control characters replaced, at most {@code max} characters. */
    public static String text(String value, int max) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > max ? value.substring(0, max) + "…" : value;
        return CONTROL.matcher(cut).replaceAll("?");
    }

    /** The first 8 characters and an ellipsis, as the original logs token prefixes. */
    public static String prefix(String secret) {
        if (secret == null) {
            return null;
        }
        return secret.length() <= 8 ? secret : secret.substring(0, 8) + "…";
    }
}
