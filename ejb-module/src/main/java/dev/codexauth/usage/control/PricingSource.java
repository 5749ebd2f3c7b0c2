package dev.codexauth.usage.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.http.UpstreamExchange;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code PRICING_URL} (sync.md §9.1): a JSON object {@code {"<model>": {"currency", "input_per_1k",
 * "output_per_1k", "cached_per_1k"}}}. Input and output prices are required, cached defaults to 0 and currency to
 * USD; entries that break these rules are skipped.
 */
public final class PricingSource {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Public price lists of every model run to a few megabytes; a bigger answer is not one. */
    private static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999.999999");
    /**
     * Below this a price rounds to zero at six places. Rounding is skipped for them: for {@code 1e-999999999} it would
     * compute ten to the power of a billion, minutes of CPU and more memory than the heap.
     */
    private static final BigDecimal ROUNDS_TO_ZERO = new BigDecimal("0.0000005");
    /** More than a price needs; a longer numeric string is not one (JSON numbers have the parser's own limit). */
    private static final int MAX_PRICE_TEXT = 64;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A failed fetch: transport error, non-2xx answer, or a body that is not a JSON object. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** One model's prices and the JSON they were read from. */
    public record Quote(Prices prices, String raw) {
    }

    private PricingSource() {
    }

    public static Map<String, Quote> fetch(String url, Instant now) throws Unavailable {
        UpstreamExchange.Answer response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
            response = UpstreamExchange.send(HTTP, request, TIMEOUT, MAX_ANSWER_BYTES);
        } catch (HttpTimeoutException e) {
            throw new Unavailable("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new Unavailable("request failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("PRICING_URL is not a valid URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("request interrupted");
        }
        if (response.status() / 100 != 2) {
            throw new Unavailable("HTTP " + response.status());
        }
        return parse(response.body(), url, now);
    }

    static Map<String, Quote> parse(String body, String url, Instant now) throws Unavailable {
        JsonObject document;
        try {
            document = Jsonp.PROVIDER.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException e) {
            throw new Unavailable("answer is not a JSON object");
        }
        Map<String, Quote> quotes = new LinkedHashMap<>();
        document.forEach((model, value) -> {
            String name = model.trim();
            if (name.isEmpty() || name.length() > 128 || !(value instanceof JsonObject entry)) {
                return;
            }
            BigDecimal input = price(entry.get("input_per_1k"));
            BigDecimal output = price(entry.get("output_per_1k"));
            JsonValue cachedValue = entry.get("cached_per_1k");
            BigDecimal cached = cachedValue == null || cachedValue.getValueType() == JsonValue.ValueType.NULL
                    ? BigDecimal.ZERO.setScale(6) : price(cachedValue);
            if (input == null || output == null || cached == null) {
                return;
            }
            quotes.put(name, new Quote(new Prices(name, currency(entry.get("currency")), input, output, cached, url, null, now),
                    entry.toString()));
        });
        return quotes;
    }

    /** A non-negative number (or numeric string) that fits the snapshot columns, at their scale; else null. */
    private static BigDecimal price(JsonValue value) {
        BigDecimal price;
        try {
            if (value instanceof JsonNumber number) {
                price = number.bigDecimalValue();
            } else if (value instanceof JsonString text && text.getString().trim().length() <= MAX_PRICE_TEXT) {
                price = new BigDecimal(text.getString().trim());
            } else {
                return null;
            }
        } catch (NumberFormatException notNumericOrTooLong) {
            return null;
        }
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            return null;
        }
        return price.compareTo(ROUNDS_TO_ZERO) < 0 ? BigDecimal.ZERO.setScale(6) : price.setScale(6, RoundingMode.HALF_UP);
    }

    private static String currency(JsonValue value) {
        String text = value instanceof JsonString s ? s.getString().trim().toUpperCase(Locale.ROOT) : "";
        return text.isEmpty() || text.length() > 8 ? "USD" : text;
    }
}
