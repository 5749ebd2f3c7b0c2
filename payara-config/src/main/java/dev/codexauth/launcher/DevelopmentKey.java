package dev.codexauth.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The encryption key of a development run on the embedded database: generated once into
 * {@code DATA_DIR/encryption.keys} (mode 600) and kept with the data it protects. Production configures its keys
 * explicitly (docs/configuration.md); the launcher never generates a key for an external database.
 */
final class DevelopmentKey {

    private static final Logger LOG = Logger.getLogger(DevelopmentKey.class.getName());

    private DevelopmentKey() {
    }

    static Path ensure(Path dataDir) throws IOException {
        Path file = dataDir.resolve("encryption.keys");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SecretFiles.create(file, "# Development key ring of the embedded database (id:base64 per line)\ndev:"
                    + Base64.getEncoder().encodeToString(key) + "\n");
            LOG.warning(() -> "Generated a development encryption key in " + file
                    + "; sealed values in the embedded database cannot be read without it.");
        }
        return file;
    }
}
