package dev.codexauth.auth.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.auth.entity.AuthEntry;
import dev.codexauth.auth.entity.AuthPayload;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.UndecryptableValueException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The canonical auth.json: which payload row is current (setting {@code canonical_payload_id}, else the newest
 * row), reading it and writing new versions. Payload rows never change, so an opened and verified payload is
 * cached by id and a host retrieve costs no decryption. On read the stored bytes are trusted after their digest is
 * checked; they are not re-validated with today's token rules (host-api.md §6.2).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CanonicalStore {

    private static final Logger LOG = Logger.getLogger(CanonicalStore.class.getName());

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    SettingsStore settings;

    @EJB
    Encryption encryption;

    @EJB
    Events events;

    private final Map<Long, StoredCanonical> opened = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> reportedBroken = new ConcurrentHashMap<>();

    /**
     * The canonical version hosts are served: the fleet pointer as this node's settings snapshot has it.
     *
     * @throws CanonicalUnavailable when the current payload exists but cannot be served
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredCanonical> current() {
        return at(settings.current().number(SettingKeys.CANONICAL_PAYLOAD_ID));
    }

    /** As {@link #current()} with the pointer read now, for admins, who must see a store made a moment ago anywhere. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<StoredCanonical> latest() {
        return at(settings.fresh().number(SettingKeys.CANONICAL_PAYLOAD_ID));
    }

    private Optional<StoredCanonical> at(Optional<Long> pointer) {
        if (pointer.isPresent()) {
            StoredCanonical cached = opened.get(pointer.get());
            if (cached != null) {
                return Optional.of(cached);
            }
            AuthPayload row = em.find(AuthPayload.class, pointer.get());
            if (row != null) {
                return Optional.of(open(row));
            }
        }
        List<AuthPayload> newest = em.createQuery("SELECT p FROM AuthPayload p ORDER BY p.createdAt DESC, p.id DESC", AuthPayload.class)
                .setMaxResults(1).getResultList();
        return newest.isEmpty() ? Optional.empty() : Optional.of(open(newest.get(0)));
    }

    /** Stores a new canonical version (body and one sealed entry per target) and points the fleet at it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public StoredCanonical save(Canonical canonical, Long sourceHostId) {
        Instant now = Instant.now();
        AuthPayload payload = new AuthPayload();
        payload.setLastRefresh(canonical.lastRefresh());
        payload.setSha256(canonical.digest());
        payload.setSourceHostId(sourceHostId);
        payload.setCreatedAt(now);
        payload.setBody(encryption.seal(new String(canonical.bytes(), StandardCharsets.UTF_8)));
        em.persist(payload);
        JsonObject auths = canonical.document().getJsonObject("auths");
        for (Map.Entry<String, JsonValue> target : auths.entrySet()) {
            em.persist(entry(payload.getId(), target.getKey(), target.getValue().asJsonObject(), now));
        }
        settings.put(SettingKeys.CANONICAL_PAYLOAD_ID, String.valueOf(payload.getId()));
        StoredCanonical stored = new StoredCanonical(payload.getId(), canonical, sourceHostId, now);
        opened.put(payload.getId(), stored);
        return stored;
    }

    private AuthEntry entry(long payloadId, String target, JsonObject values, Instant now) {
        AuthEntry entry = new AuthEntry();
        entry.setPayloadId(payloadId);
        entry.setTarget(target);
        entry.setToken(encryption.seal(values.getString("token")));
        entry.setTokenType(text(values, "token_type"));
        entry.setOrganization(text(values, "organization"));
        entry.setProject(text(values, "project"));
        entry.setApiBase(text(values, "api_base"));
        JsonObjectBuilder meta = Jsonp.PROVIDER.createObjectBuilder();
        values.forEach((key, value) -> {
            if (!List.of("token", "token_type", "organization", "project", "api_base").contains(key)) {
                meta.add(key, value);
            }
        });
        JsonObject metaObject = meta.build();
        entry.setMeta(metaObject.isEmpty() ? null : metaObject.toString());
        entry.setCreatedAt(now);
        return entry;
    }

    private StoredCanonical open(AuthPayload row) {
        StoredCanonical cached = opened.get(row.getId());
        if (cached != null) {
            return cached;
        }
        try {
            Canonical canonical = row.getBody() == null || row.getBody().isBlank() ? rebuiltFromEntries(row) : fromBody(row);
            if (!canonical.digest().equalsIgnoreCase(row.getSha256())) {
                throw broken(row, "digest_mismatch");
            }
            StoredCanonical stored = new StoredCanonical(row.getId(), canonical, row.getSourceHostId(), row.getCreatedAt());
            opened.put(row.getId(), stored);
            return stored;
        } catch (UndecryptableValueException e) {
            throw broken(row, "undecryptable");
        } catch (jakarta.json.JsonException | ClassCastException | NullPointerException e) {
            throw broken(row, "unreadable");
        }
    }

    private Canonical fromBody(AuthPayload row) {
        String body = encryption.open(row.getBody()).plaintext();
        JsonObject document = Jsonp.PROVIDER.createReader(new StringReader(body)).readObject();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Canonical(document, bytes, Hashes.sha256Hex(bytes), row.getLastRefresh());
    }

    /** A row of the original written before bodies were stored: {last_refresh, auths} from its entries. */
    private Canonical rebuiltFromEntries(AuthPayload row) {
        List<AuthEntry> entries = em.createQuery("SELECT e FROM AuthEntry e WHERE e.payloadId = :id ORDER BY e.target", AuthEntry.class)
                .setParameter("id", row.getId()).getResultList();
        JsonObjectBuilder auths = Jsonp.PROVIDER.createObjectBuilder();
        for (AuthEntry entry : entries) {
            java.util.TreeMap<String, JsonValue> values = new java.util.TreeMap<>();
            if (entry.getMeta() != null) {
                Jsonp.PROVIDER.createReader(new StringReader(entry.getMeta())).readObject().forEach(values::put);
            }
            values.put("token", Jsonp.PROVIDER.createValue(encryption.open(entry.getToken()).plaintext()));
            putText(values, "token_type", entry.getTokenType());
            putText(values, "organization", entry.getOrganization());
            putText(values, "project", entry.getProject());
            putText(values, "api_base", entry.getApiBase());
            JsonObjectBuilder target = Jsonp.PROVIDER.createObjectBuilder();
            values.forEach(target::add);
            auths.add(entry.getTarget(), target);
        }
        return CanonicalAuth.of(Jsonp.PROVIDER.createObjectBuilder().add("last_refresh", row.getLastRefresh()).add("auths", auths).build());
    }

    private CanonicalUnavailable broken(AuthPayload row, String reason) {
        if (reportedBroken.putIfAbsent(row.getId(), Boolean.TRUE) == null) {
            LOG.severe(() -> "Canonical auth payload " + row.getId() + " cannot be served (" + reason
                    + "); hosts are told it is unavailable, not missing. Restore the encryption key or upload a new canonical auth.");
            events.recordIndependently(null, "auth.canonical_invalid", Events.details("payload_id", row.getId(), "reason", reason));
        }
        return new CanonicalUnavailable();
    }

    private static void putText(Map<String, JsonValue> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, Jsonp.PROVIDER.createValue(value));
        }
    }

    private static String text(JsonObject values, String key) {
        return values.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
