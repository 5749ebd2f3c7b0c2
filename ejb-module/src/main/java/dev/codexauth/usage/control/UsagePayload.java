package dev.codexauth.usage.control;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code POST /usage} body (sync.md §9): {@code {"usages":[entry, ...]}} or one entry object. All entries
 * are checked before anything is stored, and every problem is reported at once as a 422 naming the field
 * ({@code usages.<index>.<field>}, or just {@code <field>} for a single entry); the original answered 200 instead.
 */
public final class UsagePayload {

    private static final Pattern SEPARATORS = Pattern.compile("[,_\\s]");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    /**
     * A trillion tokens in one entry, far beyond any session: what fits keeps its cost within the {@code cost} column
     * (DECIMAL(18,6)) at any real price, where a count near the largest long made the insert fail and the report go unrecorded.
     */
    private static final long MAX_COUNT = 1_000_000_000_000L;
    private static final int MAX_MODEL_LENGTH = 128;

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private UsagePayload() {
    }

    /** @throws ValidationFailed when any entry is invalid, there is no usable entry, or more than {@code maxEntries} */
    public static List<UsageEntry> entries(JsonObject body, int maxEntries) {
        return new UsagePayload().read(body, maxEntries);
    }

    private List<UsageEntry> read(JsonObject body, int maxEntries) {
        List<UsageEntry> entries = new ArrayList<>();
        JsonValue usages = body.get("usages");
        if (usages == null || usages.getValueType() == JsonValue.ValueType.NULL) {
            entries.add(entry(body, ""));
        } else if (usages instanceof JsonArray list) {
            if (list.size() > maxEntries) {
                throw ValidationFailed.of("usages", "at most " + maxEntries + " entries per request");
            }
            for (int i = 0; i < list.size(); i++) {
                // Items that are not objects are skipped, as the original did.
                if (list.get(i) instanceof JsonObject item) {
                    entries.add(entry(item, "usages." + i + "."));
                }
            }
        } else {
            error("usages", "usages must be a list of entries");
        }
        if (errors.isEmpty() && entries.isEmpty()) {
            error("usages", "at least one usage entry is required");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return entries;
    }

    private UsageEntry entry(JsonObject item, String prefix) {
        int errorsBefore = errors.size();
        Long total = count(item, "total", prefix, true);
        Long input = count(item, "input", prefix, true);
        Long output = count(item, "output", prefix, true);
        Long cached = count(item, "cached", prefix, false);
        Long reasoning = count(item, "reasoning", prefix, false);
        String model = model(item, prefix);
        String line = UsageLine.sanitize(text(item, "line", prefix));
        // The counts come from the host; a line is kept for people to read and never parsed (an entry with only a
        // line is stored without counts, as the original stored it).
        boolean noCount = total == null && input == null && output == null && cached == null && reasoning == null;
        if (noCount && line == null && errors.size() == errorsBefore) {
            error(prefix.isEmpty() ? "usage" : prefix.substring(0, prefix.length() - 1), "entry needs token counts or a line");
        }
        return new UsageEntry(total, input, output, cached, reasoning, model, line);
    }

    /**
     * A count: a whole non-negative JSON number, or a string of digits once commas, underscores and whitespace are
     * removed. Other types are an error for total/input/output and ignored (null) for cached/reasoning.
     */
    private Long count(JsonObject item, String field, String prefix, boolean strictType) {
        JsonValue value = item.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            BigDecimal exact = number.bigDecimalValue();
            if (exact.signum() >= 0 && exact.compareTo(BigDecimal.valueOf(MAX_COUNT)) <= 0 && isWhole(exact)) {
                return exact.longValue();
            }
        } else if (value instanceof JsonString string) {
            String digits = SEPARATORS.matcher(string.getString()).replaceAll("");
            if (DIGITS.matcher(digits).matches() && Long.parseLong(digits) <= MAX_COUNT) {
                return Long.parseLong(digits);
            }
        } else if (!strictType) {
            return null;
        }
        error(prefix + field, field + " must be a non-negative integer of at most " + MAX_COUNT);
        return null;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    private String model(JsonObject item, String prefix) {
        String model = text(item, "model", prefix);
        if (model == null || model.isBlank()) {
            return null;
        }
        String trimmed = model.trim();
        return trimmed.length() > MAX_MODEL_LENGTH ? trimmed.substring(0, MAX_MODEL_LENGTH) : trimmed;
    }

    private String text(JsonObject item, String field, String prefix) {
        JsonValue value = item.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        error(prefix + field, field + " must be a string");
        return null;
    }

    private void error(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
