package dev.codexauth.sync.control;

import dev.codexauth.cluster.control.ClusterBus;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.sync.entity.SyncedFile;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prompts and skills (sync.md §3, §4): the host protocol (manifest, retrieve, store) and the admin editor (list,
 * read, store with optimistic locking, retire, restore). Retired files stay as tombstones so hosts delete their copy;
 * any store revives them.
 */
@Stateless
public class SyncedFiles {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._-]+$");

    /** What the {@code description} column (TEXT) holds. */
    static final int MAX_DESCRIPTION_BYTES = 65_535;

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @EJB
    Events events;

    @Inject
    SyncedFileAnswers answers;

    /** Hosts read the files through {@link SyncedFileCatalog}: a change drops its copies on every node once committed. */
    @EJB
    ClusterBus cluster;

    @EJB
    AuditTrail audit;

    /** What a store asks for, read and validated before anything is looked up. */
    private record Upload(String name, String content, String sha256, String firstMetadata, String secondMetadata,
                          Optional<String> baseVersion) {
    }

    /** Authenticates the host (the full path), then answers as {@link SyncedFileAnswers#list}. */
    public JsonObject hostList(HostCredentials credentials, SyncedFileKind kind) {
        return answers.list(authenticator.authenticate(credentials, false).getId(), kind);
    }

    /** Authenticates the host (the full path), then answers as {@link SyncedFileAnswers#retrieve}. */
    public JsonObject hostRetrieve(HostCredentials credentials, SyncedFileKind kind, JsonObject body) {
        return answers.retrieve(authenticator.authenticate(credentials, false).getId(), kind, body);
    }

    /** A host pushes a file it changed; the host becomes its source. */
    public JsonObject hostStore(HostCredentials credentials, SyncedFileKind kind, JsonObject body) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        Upload upload = upload(kind, body, "sha256", Optional.empty());
        JsonObject answer = store(kind, upload, hostId);
        events.record(hostId, kind.logPrefix + ".store", Events.details(kind.nameField, upload.name(),
                "status", answer.getString("status"), "sha256", upload.sha256()));
        return answer;
    }

    public JsonObject adminList(SyncedFileKind kind, boolean includeRetired) {
        return SyncedFileAnswers.listing(kind, all(kind, includeRetired).stream().map(SyncedFileCatalog::copy).toList());
    }

    public JsonObject adminRead(SyncedFileKind kind, String rawName) {
        SyncedFile file = existing(kind, checkedName(kind, rawName));
        JsonObjectBuilder answer = SyncedFileAnswers.entry(kind, SyncedFileCatalog.copy(file));
        answer.add(kind.contentField, file.content());
        return answer.build();
    }

    /**
     * The editor saves: {@code content_sha256} (or the original's {@code sha256}) checks the content,
     * {@code base_sha256} or {@code If-Match} names the version the editor started from.
     */
    public JsonObject adminStore(SyncedFileKind kind, JsonObject body, String ifMatch, AuditTrail.Actor actor) {
        String checksumField = body.containsKey("content_sha256") ? "content_sha256" : "sha256";
        Upload upload = upload(kind, body, checksumField, Optional.ofNullable(ifMatch));
        Optional<SyncedFile> before = find(kind, upload.name());
        JsonObject answer = store(kind, upload, null);
        if (!answer.getString("status").equals("unchanged")) {
            audit.record(actor, "admin." + kind.logPrefix + ".store", kind.name().toLowerCase(), upload.name(),
                    before.map(file -> Map.of("sha256", file.getSha256())).orElse(null),
                    Map.of("sha256", upload.sha256(), "status", answer.getString("status")), "ok");
        }
        return answer;
    }

    public JsonObject retire(SyncedFileKind kind, String rawName, AuditTrail.Actor actor) {
        SyncedFile file = existing(kind, checkedName(kind, rawName));
        if (file.getDeletedAt() == null) {
            file.setDeletedAt(Instant.now());
            cluster.invalidateAfterCommit("synced files");
            audit.record(actor, "admin." + kind.logPrefix + ".retire", kind.name().toLowerCase(), file.name(), null, null, "ok");
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("deleted", file.name()).build();
    }

    public JsonObject restore(SyncedFileKind kind, String rawName, AuditTrail.Actor actor) {
        SyncedFile file = existing(kind, checkedName(kind, rawName));
        if (file.getDeletedAt() != null) {
            file.setDeletedAt(null);
            file.setUpdatedAt(Instant.now());
            cluster.invalidateAfterCommit("synced files");
            audit.record(actor, "admin." + kind.logPrefix + ".restore", kind.name().toLowerCase(), file.name(), null, null, "ok");
        }
        return SyncedFileAnswers.entry(kind, SyncedFileCatalog.copy(file)).build();
    }

    private JsonObject store(SyncedFileKind kind, Upload upload, Long sourceHostId) {
        Optional<SyncedFile> existing = find(kind, upload.name());
        if (upload.baseVersion().isPresent() && existing.isPresent()
                && !upload.baseVersion().get().equals(existing.get().getSha256())) {
            throw new StaleVersion(upload.name(), existing.get().getSha256(), Timestamps.format(existing.get().getUpdatedAt()));
        }
        Instant now = Instant.now();
        String status;
        SyncedFile file;
        if (existing.isEmpty()) {
            file = kind.factory.get();
            file.name(upload.name());
            file.setCreatedAt(now);
            status = "created";
        } else {
            file = existing.get();
            boolean same = file.getSha256().equals(upload.sha256())
                    && Objects.equals(file.firstMetadata(), upload.firstMetadata())
                    && Objects.equals(file.secondMetadata(), upload.secondMetadata());
            status = same && file.getDeletedAt() == null ? "unchanged" : "updated";
        }
        if (!status.equals("unchanged")) {
            file.content(upload.content());
            file.setSha256(upload.sha256());
            file.firstMetadata(upload.firstMetadata());
            file.secondMetadata(upload.secondMetadata());
            file.setSourceHostId(sourceHostId);
            file.setUpdatedAt(now);
            file.setDeletedAt(null);
            if (existing.isEmpty()) {
                persistNew(kind, file);
            }
            cluster.invalidateAfterCommit("synced files");
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("status", status).add(kind.nameField, file.name())
                .add("sha256", file.getSha256()).add("updated_at", Timestamps.format(file.getUpdatedAt())).build();
    }

    /** Two first stores of one name race on the unique key; the loser is told to retry rather than getting a 500. */
    private void persistNew(SyncedFileKind kind, SyncedFile file) {
        try {
            em.persist(file);
            em.flush();
        } catch (PersistenceException e) {
            throw new ApiException(409, "conflict", kind.nameField + " " + file.name() + " was created concurrently; retry");
        }
    }

    private Upload upload(SyncedFileKind kind, JsonObject body, String checksumField, Optional<String> ifMatch) {
        String name = SyncedFileAnswers.requestedName(kind, body);
        String content = DocumentFields.content(body, kind.contentAliases)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> ValidationFailed.of(kind.contentField, kind.contentField + " is required"));
        String sha = Hashes.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
        DocumentFields.sha256(body, checksumField).filter(given -> !given.equals(sha)).ifPresent(given -> {
            throw ValidationFailed.of(checksumField, kind.mismatchMessage());
        });
        Map<String, String> frontMatter = kind.metadataFromFrontMatter ? FrontMatter.read(content) : Map.of();
        String first = metadata(body, kind.firstMetadataField, frontMatter);
        String second = metadata(body, kind.secondMetadataField, frontMatter);
        return new Upload(name, content, sha, first, second, DocumentFields.baseVersion(body, ifMatch.orElse(null)));
    }

    /** The payload's value (trimmed; blank counts as not given), else the front matter's (prompts only). */
    private static String metadata(JsonObject body, String field, Map<String, String> frontMatter) {
        JsonValue value = body.get(field);
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL && !(value instanceof JsonString)) {
            throw ValidationFailed.of(field, field + " must be a string");
        }
        String given = value instanceof JsonString text ? text.getString().trim() : "";
        String chosen = !given.isEmpty() ? given : frontMatter.getOrDefault(field.replace('_', '-'), "").trim();
        if (field.equals("description")) {
            if (chosen.getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION_BYTES) {
                throw ValidationFailed.of(field, "description must be at most " + MAX_DESCRIPTION_BYTES + " bytes of UTF-8");
            }
        } else if (chosen.length() > 255) {
            throw ValidationFailed.of(field, field + " must be at most 255 characters");
        }
        return chosen.isEmpty() ? null : chosen;
    }

    /** Trimmed, 1–255 characters of {@code [A-Za-z0-9._-]}, never {@code ..}: it becomes a file name on every host. */
    static String checkedName(SyncedFileKind kind, String raw) {
        String field = kind.nameField;
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty()) {
            throw ValidationFailed.of(field, field + " is required");
        }
        if (name.length() > 255) {
            throw ValidationFailed.of(field, field + " must be at most 255 characters");
        }
        if (name.contains("..") || name.contains("/")) {
            throw ValidationFailed.of(field, field + " must not contain '..' or '/'");
        }
        if (!NAME.matcher(name).matches()) {
            throw ValidationFailed.of(field, field + " may only contain letters, digits, '.', '_' and '-'");
        }
        return name;
    }

    private SyncedFile existing(SyncedFileKind kind, String name) {
        return find(kind, name).orElseThrow(() -> new ApiException(404, "not_found", kind.notFound));
    }

    private Optional<SyncedFile> find(SyncedFileKind kind, String name) {
        return em.createQuery("SELECT f FROM " + kind.entityName + " f WHERE f." + kind.nameField + " = :name", SyncedFile.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    private List<SyncedFile> all(SyncedFileKind kind, boolean withRetired) {
        return em.createQuery("SELECT f FROM " + kind.entityName + " f" + (withRetired ? "" : " WHERE f.deletedAt IS NULL")
                + " ORDER BY f." + kind.nameField, SyncedFile.class).getResultList();
    }
}
