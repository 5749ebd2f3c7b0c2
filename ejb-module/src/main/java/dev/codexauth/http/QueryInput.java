package dev.codexauth.http;

import java.util.Locale;

/** Query parameters: whole numbers read strictly (422 naming the parameter), flags as {@code 1 0 true false yes no on off}. */
public final class QueryInput {

    private QueryInput() {
    }

    /** Absent or empty is false; otherwise {@code 1 0 true false yes no on off} in any case, else 422. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on":
                return true;
            case "0", "false", "no", "off":
                return false;
            default:
                throw ValidationFailed.of(name, name + " must be boolean");
        }
    }

    public static int integer(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw ValidationFailed.of(name, name + " must be an integer between " + min + " and " + max);
    }
}
