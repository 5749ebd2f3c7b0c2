package dev.codexauth.usage.control;

import java.util.Locale;
import java.util.Map;

/**
 * The prices in force at one moment: the newest snapshot per model (keys lower-case) and the prices every other
 * model gets. Taken once per request, so pricing a batch costs no further bean calls.
 */
public record PriceBook(Map<String, Prices> byModel, Prices fallback) {

    /** The model's own prices, else the fallback ({@code gpt-5.1}). */
    public Prices forModel(String model) {
        Prices own = model == null ? null : byModel.get(key(model));
        return own != null ? own : fallback;
    }

    static String key(String model) {
        return model.trim().toLowerCase(Locale.ROOT);
    }
}
