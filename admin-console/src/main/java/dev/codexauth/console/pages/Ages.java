package dev.codexauth.console.pages;

import dev.codexauth.ops.control.Timestamps;
import java.time.Duration;
import java.time.Instant;

/** Times as the console shows them: relative ("9 h ago"), with the absolute UTC time beside it. */
final class Ages {

    private Ages() {
    }

    /** "never" for no time, else "just now", "12 min ago", "9 h ago" or "3 d ago". */
    static String ago(String timestamp) {
        return Timestamps.parse(timestamp).map(Ages::ago).orElse("never");
    }

    static String ago(Instant at) {
        Duration age = Duration.between(at, Instant.now());
        if (age.isNegative()) {
            return "in " + span(age.negated());
        }
        return age.toMinutes() < 1 ? "just now" : span(age) + " ago";
    }

    private static String span(Duration duration) {
        if (duration.toMinutes() < 60) {
            return Math.max(1, duration.toMinutes()) + " min";
        }
        return duration.toHours() < 48 ? duration.toHours() + " h" : duration.toDays() + " d";
    }
}
