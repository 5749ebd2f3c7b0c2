package dev.codexauth.usage.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a {@code /wham/usage} answer (or a failure to get one) into a snapshot row (sync.md §10): plan, rate-limit
 * flags, the primary (5-hour) and secondary (weekly) windows and credits. Counts below zero become null; reset
 * times are kept as received.
 */
public final class ChatgptQuota {

    /** After any fetch the next non-forced one waits this long. */
    static final Duration COOLDOWN = Duration.ofSeconds(300);

    /** The answer is not a JSON object. */
    public static final class Unreadable extends Exception {
        Unreadable() {
            super("Invalid JSON response", null, false, false);
        }
    }

    private ChatgptQuota() {
    }

    public static ChatgptUsageSnapshot ok(String body, Instant now) throws Unreadable {
        JsonObject answer;
        try {
            answer = Jsonp.PROVIDER.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            throw new Unreadable();
        }
        ChatgptUsageSnapshot snapshot = base("ok", body, now);
        snapshot.setPlanType(cut(text(answer.get("plan_type")), 64));
        JsonObject rateLimit = object(answer.get("rate_limit"));
        snapshot.setRateAllowed(flag(rateLimit.get("allowed")));
        snapshot.setRateLimitReached(flag(rateLimit.get("limit_reached")));
        JsonObject primary = object(rateLimit.get("primary_window"));
        snapshot.setPrimaryUsedPercent(percent(primary.get("used_percent")));
        snapshot.setPrimaryLimitSeconds(count(primary.get("limit_window_seconds")));
        snapshot.setPrimaryResetAfterSeconds(count(primary.get("reset_after_seconds")));
        snapshot.setPrimaryResetAt(cut(text(primary.get("reset_at")), 100));
        JsonObject secondary = object(rateLimit.get("secondary_window"));
        snapshot.setSecondaryUsedPercent(percent(secondary.get("used_percent")));
        snapshot.setSecondaryLimitSeconds(count(secondary.get("limit_window_seconds")));
        snapshot.setSecondaryResetAfterSeconds(count(secondary.get("reset_after_seconds")));
        snapshot.setSecondaryResetAt(cut(text(secondary.get("reset_at")), 100));
        JsonObject credits = object(answer.get("credits"));
        snapshot.setHasCredits(flag(credits.get("has_credits")));
        snapshot.setUnlimited(flag(credits.get("unlimited")));
        snapshot.setCreditBalance(cut(text(credits.get("balance")), 128));
        snapshot.setApproxLocalMessages(text(credits.get("approx_local_messages")));
        snapshot.setApproxCloudMessages(text(credits.get("approx_cloud_messages")));
        return snapshot;
    }

    /** An error snapshot: {@code error} says why, {@code raw} keeps the upstream body if there was one. */
    public static ChatgptUsageSnapshot error(String error, String raw, Instant now) {
        ChatgptUsageSnapshot snapshot = base("error", raw, now);
        snapshot.setError(error);
        return snapshot;
    }

    private static ChatgptUsageSnapshot base(String status, String raw, Instant now) {
        ChatgptUsageSnapshot snapshot = new ChatgptUsageSnapshot();
        snapshot.setStatus(status);
        snapshot.setRaw(raw);
        snapshot.setFetchedAt(now);
        snapshot.setNextEligibleAt(now.plus(COOLDOWN));
        snapshot.setCreatedAt(now);
        return snapshot;
    }

    private static JsonObject object(JsonValue value) {
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static Boolean flag(JsonValue value) {
        if (value == JsonValue.TRUE) {
            return true;
        }
        return value == JsonValue.FALSE ? false : null;
    }

    private static Long count(JsonValue value) {
        Double number = number(value);
        return number == null || number < 0 ? null : (long) Math.floor(number);
    }

    private static Integer percent(JsonValue value) {
        Double number = number(value);
        return number == null || number < 0 ? null : (int) Math.min(Integer.MAX_VALUE, Math.round(number));
    }

    private static Double number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        if (value instanceof JsonString text) {
            try {
                return Double.parseDouble(text.getString().trim());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        return null;
    }

    /** Strings as they are, other values as their JSON text, null for absent or null. */
    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
