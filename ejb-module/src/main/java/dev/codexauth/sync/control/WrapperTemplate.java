package dev.codexauth.sync.control;

import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one {@code cdx} template (cdx.md §1.1, sync.md §6): kept in wrapper storage ({@code WRAPPER_STORAGE_PATH}),
 * which is seeded at start-up from the script bundled with the server ({@code WRAPPER_SEED_PATH} when set) whenever
 * it is missing or differs, and re-read when the stored file changes. Its detected version is saved as setting
 * {@code wrapper}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WrapperTemplate {

    private static final Logger LOG = Logger.getLogger(WrapperTemplate.class.getName());
    private static final Pattern VERSION_LINE = Pattern.compile("WRAPPER_VERSION=\"([^\"]+)\"");
    static final String BUNDLED = "/wrapper/cdx";
    private static final long RECHECK_NANOS = 2_000_000_000L;

    /** The unbaked script and what hosts and admins are told about it. */
    public record Template(String text, String version, String sha256, long sizeBytes, String updatedAt) {
    }

    @Inject
    @ConfigProperty(name = "wrapper.storage.path")
    Optional<String> storagePath;

    @Inject
    @ConfigProperty(name = "wrapper.seed.path")
    Optional<String> seedPath;

    @Inject
    @ConfigProperty(name = "data.dir")
    Optional<String> dataDir;

    @EJB
    SettingsStore settings;

    private volatile Template current;
    private volatile FileTime loadedModified;
    private volatile long checkedAtNanos;

    @PostConstruct
    void seedAndLoad() {
        Path storage = storage();
        try {
            Optional<byte[]> seed = seed();
            if (seed.isPresent() && !sameContent(storage, seed.get())) {
                Files.createDirectories(storage.toAbsolutePath().getParent());
                Path tmp = Files.createTempFile(storage.toAbsolutePath().getParent(), ".cdx-seed", ".tmp");
                Files.write(tmp, seed.get());
                Files.move(tmp, storage, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info(() -> "Seeded the cdx wrapper template into " + storage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot seed the cdx wrapper template into " + storage, e);
        }
        current().ifPresent(template -> {
            if (!template.version().equals(settings.current().text(SettingKeys.WRAPPER).orElse(null))) {
                settings.put(SettingKeys.WRAPPER, template.version());
            }
        });
    }

    /** The stored template, re-read when the file changed; empty when there is none. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Template> current() {
        Template known = current;
        if (known != null && System.nanoTime() - checkedAtNanos < RECHECK_NANOS) {
            return Optional.of(known);
        }
        synchronized (this) {
            Path storage = storage();
            try {
                if (!Files.isRegularFile(storage)) {
                    current = null;
                    return Optional.empty();
                }
                FileTime modified = Files.getLastModifiedTime(storage);
                if (current == null || !modified.equals(loadedModified) || Files.size(storage) != current.sizeBytes()) {
                    byte[] bytes = Files.readAllBytes(storage);
                    current = describe(bytes, modified);
                    loadedModified = modified;
                }
                checkedAtNanos = System.nanoTime();
                return Optional.of(current);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot read the cdx wrapper template " + storage + ": " + e.getMessage());
                return Optional.ofNullable(current);
            }
        }
    }

    static Template describe(byte[] bytes, FileTime modified) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String sha = Hashes.sha256Hex(bytes);
        return new Template(text, detectVersion(text, sha), sha, bytes.length, Timestamps.format(modified.toInstant()));
    }

    /** The first {@code WRAPPER_VERSION="..."}; without one (or a placeholder) {@code auto-} and 12 hex of the sha. */
    static String detectVersion(String script, String sha256) {
        Matcher matcher = VERSION_LINE.matcher(script);
        if (matcher.find() && !matcher.group(1).startsWith("__")) {
            return matcher.group(1);
        }
        return "auto-" + sha256.substring(0, 12);
    }

    private Path storage() {
        return Path.of(storagePath.filter(p -> !p.isBlank()).orElseGet(() ->
                dataDir.filter(d -> !d.isBlank()).orElse(System.getProperty("user.home") + "/.codex-auth-central") + "/wrapper/cdx"));
    }

    private Optional<byte[]> seed() throws IOException {
        if (seedPath.isPresent() && !seedPath.get().isBlank()) {
            return Optional.of(Files.readAllBytes(Path.of(seedPath.get())));
        }
        try (InputStream in = WrapperTemplate.class.getResourceAsStream(BUNDLED)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    private static boolean sameContent(Path storage, byte[] seed) throws IOException {
        return Files.isRegularFile(storage) && Hashes.sha256Hex(Files.readAllBytes(storage)).equals(Hashes.sha256Hex(seed));
    }
}
