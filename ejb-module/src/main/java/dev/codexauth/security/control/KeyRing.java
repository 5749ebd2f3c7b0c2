package dev.codexauth.security.control;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The encryption keys, each with an id, and which one seals new values.
 *
 * <p>Stored formats: {@code sbox:v1:<base64(nonce || mac || ciphertext)>} is the original service's (no key id;
 * opened with the legacy key first, then every other key), {@code sbox:v2:<key id>:<base64(...)>} names its key so
 * keys can rotate: add a key, make it active, re-encrypt, then drop the old one. Values without the {@code sbox:}
 * prefix are legacy plaintext and are returned as they are, flagged for re-encryption.
 */
public final class KeyRing {

    public static final String LEGACY_KEY_ID = "legacy";
    private static final String V1 = "sbox:v1:";
    private static final String V2 = "sbox:v2:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The format new values are written in. */
    public enum WriteFormat { V1, V2 }

    /** An opened value and whether it should be rewritten with the active key. */
    public record Opened(String plaintext, boolean stale) {
    }

    private final Map<String, byte[]> keys;
    private final String activeKeyId;
    private final WriteFormat writeFormat;
    private final boolean readsLegacy;

    public KeyRing(Map<String, byte[]> keys, String activeKeyId, WriteFormat writeFormat) {
        this(keys, activeKeyId, writeFormat, true);
    }

    private KeyRing(Map<String, byte[]> keys, String activeKeyId, WriteFormat writeFormat, boolean readsLegacy) {
        if (keys.isEmpty()) {
            throw new KeyConfigurationException("No encryption key configured.");
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new KeyConfigurationException("The active encryption key '" + activeKeyId + "' is not in the key ring "
                    + keys.keySet() + ".");
        }
        if (writeFormat == WriteFormat.V1 && !LEGACY_KEY_ID.equals(activeKeyId)) {
            throw new KeyConfigurationException("The sbox:v1 write format carries no key id and can only be written with the "
                    + "legacy key (AUTH_ENCRYPTION_KEY); make it active or write v2.");
        }
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new KeyConfigurationException("Encryption key id '" + id + "' must match " + KEY_ID.pattern() + ".");
            }
            if (key.length != SecretBox.KEY_BYTES) {
                throw new KeyConfigurationException("Encryption key '" + id + "' must be the Base64 of exactly 32 bytes, got "
                        + key.length + " bytes.");
            }
        });
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.activeKeyId = activeKeyId;
        this.writeFormat = writeFormat;
        this.readsLegacy = readsLegacy;
    }

    /**
     * The same ring refusing what only the original wrote: plaintext values and {@code sbox:v1} (no key id). For when
     * a re-seal has rewritten everything under a v2 key ({@code AUTH_ENCRYPTION_READ_LEGACY=false}).
     */
    public KeyRing withoutLegacyReads() {
        if (writeFormat == WriteFormat.V1) {
            throw new KeyConfigurationException("AUTH_ENCRYPTION_READ_LEGACY=false cannot be combined with the v1 write format.");
        }
        return new KeyRing(keys, activeKeyId, writeFormat, false);
    }

    public boolean readsLegacy() {
        return readsLegacy;
    }

    public WriteFormat writeFormat() {
        return writeFormat;
    }

    /**
     * Builds the ring from the documented settings.
     *
     * @param legacyKey  {@code AUTH_ENCRYPTION_KEY}: the original service's single key (may be null)
     * @param keyList    {@code AUTH_ENCRYPTION_KEYS} and/or the contents of {@code AUTH_ENCRYPTION_KEY_FILE}:
     *                   {@code id:base64} entries separated by commas or new lines (may be null)
     * @param activeId   {@code AUTH_ENCRYPTION_ACTIVE_KEY}; null picks the last listed key, else the legacy key
     * @param format     {@code AUTH_ENCRYPTION_WRITE_FORMAT}: {@code v2} (default) or {@code v1}
     */
    public static KeyRing fromSettings(String legacyKey, String keyList, String activeId, String format) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (legacyKey != null && !legacyKey.isBlank()) {
            keys.put(LEGACY_KEY_ID, decodeKey(LEGACY_KEY_ID, legacyKey.trim()));
        }
        String lastListed = null;
        if (keyList != null) {
            for (String entry : keyList.split("[,\\n]")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    throw new KeyConfigurationException("Encryption key entries are written id:base64; found an entry without an id.");
                }
                String id = trimmed.substring(0, colon).trim();
                byte[] key = decodeKey(id, trimmed.substring(colon + 1).trim());
                byte[] earlier = keys.put(id, key);
                if (earlier != null && !Arrays.equals(earlier, key)) {
                    // One of the two would silently win, and what the other sealed would never open again.
                    throw new KeyConfigurationException("Encryption key id '" + id + "' is given twice with different keys (in "
                            + "AUTH_ENCRYPTION_KEYS, AUTH_ENCRYPTION_KEY_FILE, or as 'legacy' beside AUTH_ENCRYPTION_KEY); "
                            + "give each key its own id.");
                }
                lastListed = id;
            }
        }
        if (keys.isEmpty()) {
            throw new KeyConfigurationException("No encryption key configured. Set AUTH_ENCRYPTION_KEY to the Base64 of 32 random "
                    + "bytes (generate one with: openssl rand -base64 32), or list id:key pairs in AUTH_ENCRYPTION_KEYS or "
                    + "AUTH_ENCRYPTION_KEY_FILE. See docs/configuration.md, section Encryption.");
        }
        String active = activeId != null && !activeId.isBlank() ? activeId.trim()
                : lastListed != null ? lastListed : LEGACY_KEY_ID;
        WriteFormat writeFormat = format == null || format.isBlank() ? WriteFormat.V2
                : switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "v1" -> WriteFormat.V1;
                    case "v2" -> WriteFormat.V2;
                    default -> throw new KeyConfigurationException("AUTH_ENCRYPTION_WRITE_FORMAT must be v1 or v2.");
                };
        return new KeyRing(keys, active, writeFormat);
    }

    /** A new random key in the form the settings expect (for docs and the launcher's development key). */
    public static String generateKey() {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    public String seal(String plaintext) {
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] box = SecretBox.seal(keys.get(activeKeyId), nonce, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, stored, 0, nonce.length);
        System.arraycopy(box, 0, stored, nonce.length, box.length);
        String encoded = Base64.getEncoder().encodeToString(stored);
        return writeFormat == WriteFormat.V1 ? V1 + encoded : V2 + activeKeyId + ":" + encoded;
    }

    /**
     * Opens a stored value.
     *
     * @throws UndecryptableValueException when the value is sealed but no key of the ring opens it
     */
    public Opened open(String stored) {
        String value = stored.trim();
        if (!readsLegacy && (!value.startsWith("sbox:") || value.startsWith(V1))) {
            throw new UndecryptableValueException("A plaintext or sbox:v1 value, refused because legacy reads are off "
                    + "(AUTH_ENCRYPTION_READ_LEGACY=false)");
        }
        if (!value.startsWith("sbox:")) {
            return new Opened(stored, true);
        }
        if (value.startsWith(V1)) {
            byte[] raw = decodeBox(value.substring(V1.length()));
            List<String> order = new ArrayList<>(keys.keySet());
            order.remove(LEGACY_KEY_ID);
            if (keys.containsKey(LEGACY_KEY_ID)) {
                order.add(0, LEGACY_KEY_ID);
            }
            for (String id : order) {
                Optional<String> opened = openWith(id, raw);
                if (opened.isPresent()) {
                    return new Opened(opened.get(), !(writeFormat == WriteFormat.V1 && id.equals(activeKeyId)));
                }
            }
            throw new UndecryptableValueException("No key of the ring " + keys.keySet() + " opens this sbox:v1 value");
        }
        if (value.startsWith(V2)) {
            String rest = value.substring(V2.length());
            int colon = rest.indexOf(':');
            String id = colon > 0 ? rest.substring(0, colon) : "";
            if (!keys.containsKey(id)) {
                throw new UndecryptableValueException("The value was sealed with key '" + id + "', which is not in the key ring "
                        + keys.keySet());
            }
            return openWith(id, decodeBox(rest.substring(colon + 1)))
                    .map(plain -> new Opened(plain, !(writeFormat == WriteFormat.V2 && id.equals(activeKeyId))))
                    .orElseThrow(() -> new UndecryptableValueException("Key '" + id + "' does not open this value (altered or wrong key)"));
        }
        throw new UndecryptableValueException("Unknown sealed-value format");
    }

    private Optional<String> openWith(String id, byte[] raw) {
        byte[] nonce = java.util.Arrays.copyOfRange(raw, 0, SecretBox.NONCE_BYTES);
        byte[] box = java.util.Arrays.copyOfRange(raw, SecretBox.NONCE_BYTES, raw.length);
        return SecretBox.open(keys.get(id), nonce, box).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static byte[] decodeBox(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableValueException("The sealed value is not valid Base64");
        }
        if (raw.length < SecretBox.NONCE_BYTES + SecretBox.MAC_BYTES) {
            throw new UndecryptableValueException("The sealed value is too short");
        }
        return raw;
    }

    private static byte[] decodeKey(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyConfigurationException("Encryption key '" + id + "' is not valid standard Base64.");
        }
    }
}
