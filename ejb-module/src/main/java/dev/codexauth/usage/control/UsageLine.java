package dev.codexauth.usage.control;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code line} of a usage entry: a human-readable "Token usage: ..." text sent along with the counts. Sanitized
 * for storage (sync.md §9); its numbers are never read, the counts come from the entry's own fields.
 */
public final class UsageLine {

    static final int MAX_LENGTH = 1000;
    private static final String ELLIPSIS = "\u2026";

    private static final Pattern OSC = Pattern.compile("\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\|$)");
    private static final Pattern CSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern CONTROL = Pattern.compile("[\u0000-\u001F\u007F]");
    private static final Pattern BACKSLASHES = Pattern.compile("\\\\{2,}");
    // What is left of an escape sequence whose ESC byte was lost on the way (for example "[0m" or "[1;31m").
    private static final Pattern ESCAPE_REMNANT = Pattern.compile("\\[\\d+(?:;\\d+)*[A-Za-z]?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_PRINTABLE_ASCII = Pattern.compile("[^\\x20-\\x7E]");

    private UsageLine() {
    }

    /** The line as stored: clean, at most {@value #MAX_LENGTH} characters plus an ellipsis; null when nothing is left. */
    public static String sanitize(String raw) {
        String clean = clean(raw);
        if (clean == null) {
            return null;
        }
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + ELLIPSIS : clean;
    }

    /**
     * Escape sequences removed, control characters turned into spaces, whitespace collapsed, everything before
     * {@code token usage:} dropped, printable ASCII only; not yet cut to length.
     */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = alreadyClean(raw) ? raw : scrub(raw);
        int start = text.toLowerCase(Locale.ROOT).indexOf("token usage:");
        if (start > 0) {
            text = text.substring(start);
        }
        return text.isEmpty() ? null : text;
    }

    /**
     * Lines the wrapper already cleaned (the usual case) are printable ASCII with single inner spaces and nothing the
     * scrubbing below would change; telling them apart takes one pass instead of ten regular expressions.
     */
    static boolean alreadyClean(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
            char next = i + 1 < length ? text.charAt(i + 1) : 0;
            if ((c == ' ' && next == ' ') || (c == '\\' && next == '\\') || (c == '[' && next >= '0' && next <= '9')) {
                return false;
            }
        }
        return true;
    }

    static String scrub(String raw) {
        String text = OSC.matcher(raw).replaceAll("");
        text = CSI.matcher(text).replaceAll("");
        text = CONTROL.matcher(text).replaceAll(" ");
        text = BACKSLASHES.matcher(text).replaceAll(Matcher.quoteReplacement("\\"));
        text = ESCAPE_REMNANT.matcher(text).replaceAll("");
        text = WHITESPACE.matcher(text).replaceAll(" ").trim();
        text = NOT_PRINTABLE_ASCII.matcher(text).replaceAll("");
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }
}
