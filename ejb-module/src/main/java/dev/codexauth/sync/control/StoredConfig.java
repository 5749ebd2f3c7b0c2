package dev.codexauth.sync.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.sync.entity.ClientConfigDocument;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fleet {@code config.toml} document as hosts need it on every run: read at most once per settings-cache period
 * (a store elsewhere in the cluster shows within that time, on this node at once), with each host variant rendered
 * once. A {@code /config/retrieve} that finds the host current therefore costs the key lookup only.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StoredConfig {

    /**
     * The stored document: the unbaked render's sha, its normalized settings (null for a document without builder
     * settings, which hosts then get verbatim) and when it was saved.
     */
    public record Document(String sha256, String body, JsonObject settings, Instant updatedAt) {
    }

    private record Variant(String modelOverride, String effortOverride, String baseUrl) {
    }

    /**
     * One variant's render, or why it cannot be rendered: a document saved by an older build that a check added since
     * refuses. The refusal is kept like a render, since naming its bad line can take seconds for a large custom TOML.
     */
    private record Bake(RenderedConfig rendered, ValidationFailed refusal) {

        RenderedConfig get() {
            if (refusal != null) {
                throw refusal;
            }
            return rendered;
        }
    }

    private static final int MAX_VARIANTS = 4096;

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    private volatile Optional<Document> current;
    private volatile long loadedAtNanos;
    private final Map<Variant, Bake> baked = new ConcurrentHashMap<>();

    public Optional<Document> current() {
        Optional<Document> cached = current;
        if (cached != null && System.nanoTime() - loadedAtNanos < cacheMillis * 1_000_000L) {
            return cached;
        }
        Optional<Document> loaded = em.createQuery("SELECT d FROM ClientConfigDocument d ORDER BY d.id DESC", ClientConfigDocument.class)
                .setMaxResults(1).getResultStream().findFirst().map(StoredConfig::document);
        if (cached == null || !sameVersion(cached, loaded)) {
            baked.clear();
        }
        current = loaded;
        loadedAtNanos = System.nanoTime();
        return loaded;
    }

    /** The document as one host gets it: its overrides applied and the managed MCP entry pointing at {@code baseUrl}. */
    public RenderedConfig bakedFor(Document document, String modelOverride, String effortOverride, String baseUrl) {
        Variant variant = new Variant(modelOverride, effortOverride, baseUrl);
        if (document.settings() == null) {
            return new RenderedConfig(document.body(), document.sha256(), java.util.List.of());
        }
        Bake bake = baked.get(variant);
        if (bake == null) {
            try {
                bake = new Bake(ConfigToml.render(ConfigBaking.bake(document.settings(), modelOverride, effortOverride, baseUrl)), null);
            } catch (ValidationFailed refused) {
                bake = new Bake(null, refused);
            }
            if (baked.size() >= MAX_VARIANTS) {
                baked.clear();
            }
            baked.put(variant, bake);
        }
        return bake.get();
    }

    /** Called after a store on this node, so the next read sees it. */
    public void invalidate() {
        current = null;
        baked.clear();
    }

    /** A change elsewhere in the cluster: the next read goes to the database. */
    public void onInvalidation(@Observes CachesInvalidated invalidation) {
        invalidate();
    }

    private static boolean sameVersion(Optional<Document> a, Optional<Document> b) {
        return a.map(Document::sha256).equals(b.map(Document::sha256)) && a.map(Document::updatedAt).equals(b.map(Document::updatedAt));
    }

    private static Document document(ClientConfigDocument row) {
        JsonObject settings = null;
        if (row.getSettings() != null && !row.getSettings().isBlank()) {
            try (var reader = Jsonp.PROVIDER.createReader(new StringReader(row.getSettings()))) {
                settings = ConfigSettings.normalize(reader.readObject());
            } catch (RuntimeException unreadable) {
                settings = null;
            }
        }
        return new Document(row.getSha256(), row.getBody(), settings, row.getUpdatedAt());
    }
}
