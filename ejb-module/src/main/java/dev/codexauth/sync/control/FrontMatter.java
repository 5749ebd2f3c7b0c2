package dev.codexauth.sync.control;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ---} block at the top of a prompt file (sync.md §3): {@code key: value} lines up to the next
 * {@code ---}. Keys are lower-cased; a value's surrounding quotes are dropped.
 */
final class FrontMatter {

    private FrontMatter() {
    }

    static Map<String, String> read(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].trim().equals("---")) {
            return values;
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.trim().equals("---")) {
                return values;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), unquoted(line.substring(colon + 1).trim()));
            }
        }
        return Map.of();
    }

    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
