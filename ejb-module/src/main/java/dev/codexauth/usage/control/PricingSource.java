package dev.codexauth.usage.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code PRICING_URL} (sync.md §9.1): a JSON object {@code {"<model>": {"currency", "input_per_1k",
 * "output_per_1k", "cached_per_1k"}}}. Input and output prices are required, cached defaults to 0 and currency to
 * USD; entries that break these rules are skipped.
 */
public final class PricingSource {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999.999999");
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
        HttpResponse<String> response;
        try {
            // The whole exchange, body included, is bounded by the timeout (the request timeout alone covers the headers).
            response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new Unavailable("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Unavailable("request failed: " + e.getCause().getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new Unavailable("PRICING_URL is not a valid URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("request interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unavailable("HTTP " + response.statusCode());
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
        BigDecimal price = null;
        if (value instanceof JsonNumber number) {
            price = number.bigDecimalValue();
        } else if (value instanceof JsonString text) {
            try {
                price = new BigDecimal(text.getString().trim());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        if (price == null || price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            return null;
        }
        return price.setScale(6, RoundingMode.HALF_UP);
    }

    private static String currency(JsonValue value) {
        String text = value instanceof JsonString s ? s.getString().trim().toUpperCase(Locale.ROOT) : "";
        return text.isEmpty() || text.length() > 8 ? "USD" : text;
    }
}
