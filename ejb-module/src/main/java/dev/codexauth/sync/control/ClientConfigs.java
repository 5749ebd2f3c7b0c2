package dev.codexauth.sync.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.sync.entity.ClientConfigDocument;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet {@code config.toml} (sync.md §2): hosts retrieve it baked for them, admins preview, read and save the
 * builder settings. The stored document is the unbaked render of the normalized settings; every save is checked
 * against the version the editor started from.
 */
@Stateless
public class ClientConfigs {

    private static final long ROW = 1L;

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @EJB
    StoredConfig stored;

    @EJB
    SettingsStore settings;

    @Inject
    ConfigAnswers answers;

    @EJB
    AuditTrail audit;

    /** Authenticates the host (the full path), then answers as {@link ConfigAnswers#forHost}. */
    public JsonObject hostRetrieve(HostCredentials credentials, JsonObject body, String baseUrl) {
        return answers.forHost(authenticator.authenticate(credentials, false), body, baseUrl);
    }

    public JsonObject adminRead() {
        return stored.current().map(document -> Jsonp.PROVIDER.createObjectBuilder().add("status", "ok")
                        .add("sha256", document.sha256()).add("updated_at", Timestamps.format(document.updatedAt()))
                        .add("size_bytes", ConfigAnswers.size(document.body())).add("content", document.body())
                        .add("settings", document.settings() == null ? JsonObject.NULL : document.settings()).build())
                .orElseGet(() -> Jsonp.PROVIDER.createObjectBuilder().add("status", "missing").build());
    }

    /** Body {@code {settings}}: what a host would get, never saved. */
    public JsonObject adminRender(JsonObject body, String baseUrl) {
        JsonObject normalized = ConfigSettings.normalize(settingsOf(body));
        RenderedConfig rendered = ConfigToml.render(ConfigBaking.bake(normalized, null, null, baseUrl));
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder().add("content", rendered.content())
                .add("sha256", rendered.sha256()).add("size_bytes", ConfigAnswers.size(rendered.content())).add("settings", normalized)
                .add("profiles", ConfigAnswers.profiles(rendered));
        Jsonp.nullable(answer, "default_profile", ConfigAnswers.defaultProfile(normalized, rendered));
        return answer.build();
    }

    /**
     * Body {@code {settings, sha256?}} where {@code sha256} (or {@code base_sha256}, or {@code If-Match}) is the
     * version the editor loaded. Saving also makes the model and effort the fleet defaults.
     */
    public JsonObject adminStore(JsonObject body, String ifMatch, AuditTrail.Actor actor) {
        JsonObject normalized = ConfigSettings.normalize(settingsOf(body));
        RenderedConfig rendered = ConfigToml.render(normalized);
        Optional<String> base = DocumentFields.sha256(body, "sha256").or(() -> DocumentFields.baseVersion(body, ifMatch));
        Optional<ClientConfigDocument> existing = em.createQuery("SELECT d FROM ClientConfigDocument d ORDER BY d.id DESC",
                ClientConfigDocument.class).setMaxResults(1).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
        if (base.isPresent() && existing.isPresent() && !base.get().equalsIgnoreCase(existing.get().getSha256())) {
            throw new StaleVersion("config.toml", existing.get().getSha256(), Timestamps.format(existing.get().getUpdatedAt()));
        }
        String settingsText = normalized.toString();
        Instant now = Instant.now();
        String status;
        Instant updatedAt = now;
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO client_config_documents (id, sha256, body, settings, source_host_id, created_at, updated_at)"
                            + " VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?5)")
                    .setParameter(1, ROW).setParameter(2, rendered.sha256()).setParameter(3, rendered.content())
                    .setParameter(4, settingsText).setParameter(5, Timestamps.format(now)).executeUpdate();
            status = "created";
        } else if (existing.get().getSha256().equals(rendered.sha256()) && sameSettings(existing.get().getSettings(), settingsText)) {
            status = "unchanged";
            updatedAt = existing.get().getUpdatedAt();
        } else {
            ClientConfigDocument document = existing.get();
            document.setSha256(rendered.sha256());
            document.setBody(rendered.content());
            document.setSettings(settingsText);
            document.setSourceHostId(null);
            document.setUpdatedAt(now);
            status = "updated";
        }
        if (!status.equals("unchanged")) {
            putOrRemove(SettingKeys.CDX_MODEL, normalized.get("model"));
            putOrRemove(SettingKeys.CDX_REASONING_EFFORT, normalized.get("model_reasoning_effort"));
            audit.record(actor, "admin.config.store", "config", ROW, existing.map(d -> Map.of("sha256", d.getSha256())).orElse(null),
                    Map.of("sha256", rendered.sha256(), "status", status), "ok");
            stored.invalidate();
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("status", status).add("sha256", rendered.sha256())
                .add("updated_at", Timestamps.format(updatedAt)).add("size_bytes", ConfigAnswers.size(rendered.content()))
                .add("content", rendered.content()).add("settings", normalized).build();
    }

    private static JsonObject settingsOf(JsonObject body) {
        if (!(body.get("settings") instanceof JsonObject settings)) {
            throw ValidationFailed.of("settings", "config cannot be empty");
        }
        return settings;
    }

    private static boolean sameSettings(String storedText, String normalizedText) {
        return storedText != null && Hashes.sha256Hex(storedText).equals(Hashes.sha256Hex(normalizedText));
    }

    private void putOrRemove(String key, jakarta.json.JsonValue value) {
        if (value instanceof JsonString text && !text.getString().isBlank()) {
            settings.put(key, text.getString());
        } else {
            settings.remove(key);
        }
    }
}
