package dev.codexauth.sync.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.sync.entity.AgentsDocument;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet {@code AGENTS.md} (sync.md §5): one document (row 1) written by admins only; hosts pull it. Deleting it
 * (new) makes hosts remove their copy, as before the first store.
 */
@Stateless
public class AgentsFile {

    static final int MAX_BYTES = 256 * 1024;
    /** The original always wrote row 1; a re-created document keeps that id. */
    private static final long ROW = 1L;

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @Inject
    EventBuffer eventBuffer;

    @EJB
    AuditTrail audit;

    /** Body {@code {sha256?}}: missing, unchanged, or updated with the content. */
    public JsonObject hostRetrieve(HostCredentials credentials, JsonObject body) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        Optional<String> known = DocumentFields.sha256(body, "sha256");
        Optional<AgentsDocument> document = current(false);
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder();
        String status;
        if (document.isEmpty()) {
            status = "missing";
            answer.add("status", status);
        } else {
            status = known.filter(document.get().getSha256()::equals).isPresent() ? "unchanged" : "updated";
            describe(answer.add("status", status), document.get());
            if (status.equals("updated")) {
                answer.add("content", document.get().getBody());
            }
        }
        eventBuffer.record(hostId, "agents.retrieve", Events.details("status", status));
        return answer.build();
    }

    public JsonObject adminRead() {
        return current(false).map(document -> describe(Jsonp.PROVIDER.createObjectBuilder().add("status", "ok"), document)
                        .add("content", document.getBody()).build())
                .orElseGet(AgentsFile::missing);
    }

    /**
     * Body {@code {content (or body), content_sha256 (or the original's sha256)?, base_sha256?}}; an empty document is
     * a valid one.
     */
    public JsonObject adminStore(JsonObject body, String ifMatch, AuditTrail.Actor actor) {
        String content = DocumentFields.content(body, List.of("content", "body"))
                .orElseThrow(() -> ValidationFailed.of("content", "content is required"));
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw ValidationFailed.of("content", "AGENTS.md must be at most 256 KiB");
        }
        String sha = Hashes.sha256Hex(bytes);
        String checksumField = body.containsKey("content_sha256") ? "content_sha256" : "sha256";
        DocumentFields.sha256(body, checksumField).filter(given -> !given.equals(sha)).ifPresent(given -> {
            throw ValidationFailed.of(checksumField, "sha256 does not match AGENTS.md contents");
        });
        Optional<String> base = DocumentFields.baseVersion(body, ifMatch);
        Optional<AgentsDocument> existing = current(true);
        if (base.isPresent() && existing.isPresent() && !base.get().equals(existing.get().getSha256())) {
            throw new StaleVersion("AGENTS.md", existing.get().getSha256(), Timestamps.format(existing.get().getUpdatedAt()));
        }
        Instant now = Instant.now();
        String status;
        Instant updatedAt = now;
        if (existing.isEmpty()) {
            em.createNativeQuery("INSERT INTO agents_documents (id, sha256, body, source_host_id, created_at, updated_at)"
                            + " VALUES (?1, ?2, ?3, NULL, ?4, ?4)")
                    .setParameter(1, ROW).setParameter(2, sha).setParameter(3, content).setParameter(4, Timestamps.format(now))
                    .executeUpdate();
            status = "created";
        } else if (existing.get().getSha256().equals(sha)) {
            status = "unchanged";
            updatedAt = existing.get().getUpdatedAt();
        } else {
            AgentsDocument document = existing.get();
            document.setBody(content);
            document.setSha256(sha);
            document.setSourceHostId(null);
            document.setUpdatedAt(now);
            status = "updated";
        }
        if (!status.equals("unchanged")) {
            audit.record(actor, "admin.agents.store", "agents", ROW, existing.map(d -> Map.of("sha256", d.getSha256())).orElse(null),
                    Map.of("sha256", sha, "status", status), "ok");
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("status", status).add("sha256", sha)
                .add("updated_at", Timestamps.format(updatedAt)).add("size_bytes", bytes.length).build();
    }

    public JsonObject adminDelete(AuditTrail.Actor actor) {
        current(true).ifPresent(document -> {
            audit.record(actor, "admin.agents.delete", "agents", ROW, Map.of("sha256", document.getSha256()), null, "ok");
            em.remove(document);
        });
        return missing();
    }

    /** The newest row, as the original read it; locked when about to be written so two saves cannot both win. */
    private Optional<AgentsDocument> current(boolean forUpdate) {
        var query = em.createQuery("SELECT d FROM AgentsDocument d ORDER BY d.id DESC", AgentsDocument.class).setMaxResults(1);
        if (forUpdate) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    private static JsonObjectBuilder describe(JsonObjectBuilder answer, AgentsDocument document) {
        return answer.add("sha256", document.getSha256()).add("updated_at", Timestamps.format(document.getUpdatedAt()))
                .add("size_bytes", document.getBody().getBytes(StandardCharsets.UTF_8).length);
    }

    private static JsonObject missing() {
        return Jsonp.PROVIDER.createObjectBuilder().add("status", "missing").build();
    }
}
