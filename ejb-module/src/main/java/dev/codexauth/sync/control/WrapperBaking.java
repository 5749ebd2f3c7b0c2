package dev.codexauth.sync.control;

import dev.codexauth.security.control.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the template for one host (cdx.md §1.2): each {@code __CODEX_*__} token is replaced in one pass by its
 * value made safe inside a double-quoted bash string, so no value can end the string or expand anything, and no
 * value is ever scanned for tokens again. Every {@code /auth} announces the host's baked sha, so the shas are kept by
 * template and values; the scripts (about 100 KB each) are not, since only a download needs one.
 */
public final class WrapperBaking {

    private static final Pattern TOKEN = Pattern.compile("__(?:CODEX_[A-Z0-9_]+|WRAPPER_VERSION)__");
    /** One entry per host of a 100,000-host fleet (about 250 bytes each), so a steady fleet never renders again. */
    private static final int SHA_CACHE_LIMIT = 100_000;
    private static final Map<String, String> SHAS = new ConcurrentHashMap<>();

    /**
     * What is baked into one host's copy. Model and effort stay unreplaced when empty (runtime default). The key is
     * baked (non-null {@code apiKey}) only into the copy an older wrapper updates to: the host has no key file yet,
     * and that copy moves the key into one on its first run. Every other copy carries no secret.
     */
    public record HostValues(String baseUrl, String apiKey, String fqdn, boolean secure, boolean forceIpv4,
            String installationId, boolean silent, boolean allowInsecure, String model, String reasoningEffort) {

        /** The same host's values without the key: what hosts that keep their key in a file get. */
        public HostValues withoutKey() {
            return new HostValues(baseUrl, null, fqdn, secure, forceIpv4, installationId, silent, allowInsecure, model, reasoningEffort);
        }

        Map<String, String> tokens(String version) {
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("__CODEX_SYNC_BASE_URL__", baseUrl);
            tokens.put("__CODEX_SYNC_API_KEY__", apiKey == null ? "" : apiKey);
            tokens.put("__CODEX_SYNC_FQDN__", fqdn);
            tokens.put("__CODEX_SYNC_CA_FILE__", "");
            tokens.put("__CODEX_HOST_SECURE__", flag(secure));
            tokens.put("__CODEX_FORCE_IPV4__", flag(forceIpv4));
            tokens.put("__CODEX_INSTALLATION_ID__", installationId);
            tokens.put("__CODEX_SILENT__", flag(silent));
            tokens.put("__CODEX_SYNC_ALLOW_INSECURE__", flag(allowInsecure));
            if (model != null && !model.isBlank()) {
                tokens.put("__CODEX_HOST_MODEL__", model.trim());
            }
            if (reasoningEffort != null && !reasoningEffort.isBlank()) {
                tokens.put("__CODEX_HOST_REASONING_EFFORT__", reasoningEffort.trim());
            }
            tokens.put("__WRAPPER_VERSION__", version);
            return tokens;
        }

        private static String flag(boolean value) {
            return value ? "1" : "0";
        }
    }

    /** One host's script and its sha256 (the value hosts compare before and after downloading). */
    public record BakedWrapper(String version, byte[] body, String sha256, String updatedAt) {

        public long sizeBytes() {
            return body.length;
        }
    }

    private WrapperBaking() {
    }

    public static BakedWrapper bake(WrapperTemplate.Template template, HostValues values) {
        Map<String, String> tokens = values.tokens(template.version());
        return bake(template, tokens, shaKey(template, tokens));
    }

    /** The sha of what {@link #bake} would give, rendered only the first time for these values. */
    public static String sha256(WrapperTemplate.Template template, HostValues values) {
        Map<String, String> tokens = values.tokens(template.version());
        String key = shaKey(template, tokens);
        String known = SHAS.get(key);
        return known != null ? known : bake(template, tokens, key).sha256();
    }

    private static BakedWrapper bake(WrapperTemplate.Template template, Map<String, String> tokens, String shaKey) {
        byte[] body = render(template.text(), tokens).getBytes(StandardCharsets.UTF_8);
        BakedWrapper baked = new BakedWrapper(template.version(), body, Hashes.sha256Hex(body), template.updatedAt());
        if (SHAS.size() >= SHA_CACHE_LIMIT) {
            SHAS.clear();
        }
        SHAS.put(shaKey, baked.sha256());
        return baked;
    }

    private static String shaKey(WrapperTemplate.Template template, Map<String, String> tokens) {
        return Hashes.sha256Hex(template.sha256() + "\u0000" + String.join("\u0000", tokens.values()));
    }

    static String render(String template, Map<String, String> tokens) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (matcher.find()) {
            String value = tokens.get(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : forDoubleQuotes(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Safe between double quotes in bash: line breaks dropped, {@code \ " $ `} escaped. */
    static String forDoubleQuotes(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\r', '\n' -> {
                }
                case '\\', '"', '$', '`' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
