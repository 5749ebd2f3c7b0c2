package dev.codexauth.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals and opens the secrets stored in the database (host keys, canonical auth, installer and seed tokens) with
 * the key ring from configuration. Loaded at start-up: a missing or malformed key stops the deployment with a
 * message that says how to fix it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Encryption {

    private static final Logger LOG = Logger.getLogger(Encryption.class.getName());

    @Inject
    @ConfigProperty(name = "auth.encryption.key")
    Optional<String> legacyKey;

    @Inject
    @ConfigProperty(name = "auth.encryption.keys")
    Optional<String> keyList;

    @Inject
    @ConfigProperty(name = "auth.encryption.key.file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "auth.encryption.active.key")
    Optional<String> activeKey;

    @Inject
    @ConfigProperty(name = "auth.encryption.write.format")
    Optional<String> writeFormat;

    @Inject
    @ConfigProperty(name = "auth.encryption.read.legacy", defaultValue = "true")
    boolean readLegacy;

    private KeyRing ring;

    @PostConstruct
    void load() {
        StringBuilder keys = new StringBuilder(keyList.orElse(""));
        if (keyFile.isPresent() && !keyFile.get().isBlank()) {
            Path file = Path.of(keyFile.get().trim());
            try {
                keys.append('\n').append(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new KeyConfigurationException("AUTH_ENCRYPTION_KEY_FILE " + file + " cannot be read: " + e.getMessage());
            }
        }
        KeyRing configured = KeyRing.fromSettings(legacyKey.orElse(null), keys.toString(), activeKey.orElse(null), writeFormat.orElse(null));
        ring = readLegacy ? configured : configured.withoutLegacyReads();
        LOG.info(() -> "Encryption key ring loaded: keys " + ring.keyIds() + ", new values sealed with '" + ring.activeKeyId() + "'"
                + (readLegacy ? "" : ", plaintext and sbox:v1 values refused"));
    }

    public String seal(String plaintext) {
        return plaintext == null ? null : ring.seal(plaintext);
    }

    /** @throws UndecryptableValueException when no configured key opens the value */
    public KeyRing.Opened open(String stored) {
        return ring.open(stored);
    }

    public String openText(String stored) {
        return stored == null ? null : ring.open(stored).plaintext();
    }

    public KeyRing ring() {
        return ring;
    }
}
