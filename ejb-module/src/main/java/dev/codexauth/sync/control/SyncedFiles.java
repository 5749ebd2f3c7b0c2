package dev.codexauth.sync.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.sync.entity.SyncedFile;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.json.JsonArrayBuilder;
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

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @EJB
    Events events;

    @Inject
    EventBuffer eventBuffer;

    @EJB
    AuditTrail audit;

    /** What a store asks for, read and validated before anything is looked up. */
    private record Upload(String name, String content, String sha256, String firstMetadata, String secondMetadata,
                          Optional<String> baseVersion) {
    }

    public JsonObject hostList(HostCredentials credentials, SyncedFileKind kind) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        List<SyncedFile> files = all(kind, true);
        eventBuffer.record(hostId, kind.logPrefix + ".list", Events.details("count", files.size()));
        return listing(kind, files);
    }

    /** Body {@code {<name>, sha256?}}: missing, deleted, unchanged (same sha) or updated with the content. */
    public JsonObject hostRetrieve(HostCredentials credentials, SyncedFileKind kind, JsonObject body) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        String name = name(kind, body);
        Optional<String> known = DocumentFields.sha256(body, "sha256");
        Optional<SyncedFile> file = find(kind, name);
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder();
        String status;
        if (file.isEmpty()) {
            status = "missing";
            answer.add("status", status).add(kind.nameField, name);
        } else if (file.get().getDeletedAt() != null) {
            status = "deleted";
            answer.add("status", status).add(kind.nameField, file.get().name())
                    .add("deleted_at", Timestamps.format(file.get().getDeletedAt()));
        } else {
            SyncedFile found = file.get();
            status = known.filter(found.getSha256()::equals).isPresent() ? "unchanged" : "updated";
            answer.add("status", status).add(kind.nameField, found.name()).add("sha256", found.getSha256());
            nullable(answer, kind.firstMetadataField, found.firstMetadata());
            nullable(answer, kind.secondMetadataField, found.secondMetadata());
            answer.add("updated_at", Timestamps.format(found.getUpdatedAt()));
            if (status.equals("updated")) {
                answer.add(kind.contentField, found.content());
            }
        }
        eventBuffer.record(hostId, kind.logPrefix + ".retrieve", Events.details(kind.nameField, name, "status", status));
        return answer.build();
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
        return listing(kind, all(kind, includeRetired));
    }

    public JsonObject adminRead(SyncedFileKind kind, String rawName) {
        SyncedFile file = existing(kind, checkedName(kind, rawName));
        JsonObjectBuilder answer = entry(kind, file);
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
            audit.record(actor, "admin." + kind.logPrefix + ".retire", kind.name().toLowerCase(), file.name(), null, null, "ok");
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("deleted", file.name()).build();
    }

    public JsonObject restore(SyncedFileKind kind, String rawName, AuditTrail.Actor actor) {
        SyncedFile file = existing(kind, checkedName(kind, rawName));
        if (file.getDeletedAt() != null) {
            file.setDeletedAt(null);
            file.setUpdatedAt(Instant.now());
            audit.record(actor, "admin." + kind.logPrefix + ".restore", kind.name().toLowerCase(), file.name(), null, null, "ok");
        }
        return entry(kind, file).build();
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
        String name = name(kind, body);
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
        if (chosen.length() > 255 && !field.equals("description")) {
            throw ValidationFailed.of(field, field + " must be at most 255 characters");
        }
        return chosen.isEmpty() ? null : chosen;
    }

    private static String name(SyncedFileKind kind, JsonObject body) {
        for (String alias : kind.nameAliases) {
            if (body.get(alias) instanceof JsonString text) {
                return checkedName(kind, text.getString());
            }
        }
        return checkedName(kind, "");
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

    private static JsonObject listing(SyncedFileKind kind, List<SyncedFile> files) {
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        files.forEach(file -> items.add(entry(kind, file)));
        return Jsonp.PROVIDER.createObjectBuilder().add(kind.listField, items).build();
    }

    private static JsonObjectBuilder entry(SyncedFileKind kind, SyncedFile file) {
        JsonObjectBuilder entry = Jsonp.PROVIDER.createObjectBuilder().add("id", file.getId())
                .add(kind.nameField, file.name()).add("sha256", file.getSha256());
        nullable(entry, kind.firstMetadataField, file.firstMetadata());
        nullable(entry, kind.secondMetadataField, file.secondMetadata());
        entry.add("updated_at", Timestamps.format(file.getUpdatedAt()));
        nullable(entry, "deleted_at", file.getDeletedAt() == null ? null : Timestamps.format(file.getDeletedAt()));
        return entry;
    }

    private static void nullable(JsonObjectBuilder builder, String key, String value) {
        if (value == null) {
            builder.addNull(key);
        } else {
            builder.add(key, value);
        }
    }
}
