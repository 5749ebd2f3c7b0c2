package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.mcp.entity.McpMemory;
import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * The memories of MCP callers (spec/mcp.md §4): upsert by key with soft delete, retrieval and search, within the
 * caller's own memories or, where {@link FleetMemoryAccess} lets it, the fleet's shared ones. Shared by the MCP tools
 * and the REST mirror, which answer with the objects built here.
 * Reads join a caller's transaction but start none: a search is one statement (two when the words are not indexed),
 * and a transaction around it cost three more round trips to the database (autocommit off, commit, autocommit on).
 * Searches read through JDBC ({@link MemorySearch}), which does not see what the entity manager has not flushed yet:
 * no search follows a write in the same transaction.
 */
@Stateless
public class Memories {

    /** The order of a search's matches: by score (the fallback's, null, after the index's), then newest first. */
    private static final Comparator<MemorySearch.Row> RANKING = Comparator
            .comparing(MemorySearch.Row::score, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(MemorySearch.Row::updatedAt, Comparator.reverseOrder())
            .thenComparing(MemorySearch.Row::recordId, Comparator.reverseOrder());

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @Inject
    MemoryOwnerSizes sizes;

    @Inject
    FleetMemoryAccess fleet;

    /**
     * {@code {status: created|updated|unchanged, id, memory}}. Locks are taken on existing rows only: a locking read
     * of a missing key would lock a gap of the unique index, and concurrent stores of new keys then deadlock. A new
     * key is claimed with an upsert of the whole row ({@link NewMemoryRow}), which takes the row's exclusive lock at
     * once (an {@code INSERT IGNORE} takes a shared one, and three stores of one new key then deadlock upgrading it);
     * a store that loses that race, or whose key exists, updates that row like any existing one (its upsert changed
     * nothing, but may have used up an auto-increment id: ids can have gaps).
     */
    public JsonObject store(McpCaller caller, MemoryScope scope, MemoryInput.Draft draft) {
        return store(fleet.owner(caller, scope, true), draft);
    }

    /** An admin's store of a fleet memory: the same answer as a host's. */
    public JsonObject storeForFleet(MemoryInput.Draft draft) {
        return store(MemoryOwner.FLEET, draft);
    }

    private JsonObject store(MemoryOwner owner, MemoryInput.Draft draft) {
        String key = draft.key() != null ? draft.key() : UUID.randomUUID().toString();
        Instant now = Instant.now();
        NewMemoryRow.Columns columns = new NewMemoryRow.Columns(draft.content(),
                draft.metadata() == null ? null : draft.metadata().toString(),
                draft.tags().isEmpty() ? null : Jsonp.PROVIDER.createArrayBuilder(draft.tags()).build().toString(),
                draft.tags().isEmpty() ? null : String.join(" ", draft.tags()));
        // The upsert first: a new key costs one statement, a known one the same two as a read followed by a locked read.
        String at = Timestamps.format(now);
        OptionalLong created = em.unwrap(Session.class)
                .doReturningWork(connection -> NewMemoryRow.insert(connection, owner, key, columns, draft.tags(), at));
        if (created.isPresent()) {
            return answer("created", key, new MemorySearch.Row(created.getAsLong(), key, ownerId(owner, MemoryOwner.Kind.HOST),
                    ownerId(owner, MemoryOwner.Kind.WORKSPACE), null, owner.kind().scope, columns.content(), columns.metadata(),
                    columns.tags(), at, at, null).view());
        }
        McpMemory memory = lockedByKey(owner, key);
        String status = memory.getDeletedAt() == null && sameAs(memory, draft) ? "unchanged" : "updated";
        if (!status.equals("unchanged")) {
            List<String> previousTags = parseArray(memory.getTags());
            memory.setContent(columns.content());
            memory.setMetadata(columns.metadata());
            memory.setTags(columns.tags());
            memory.setTagsText(columns.tagsText());
            memory.setUpdatedAt(now);
            memory.setDeletedAt(null);
            replaceTags(memory.getId(), previousTags, draft.tags());
        }
        return answer(status, memory.getMemoryKey(), view(memory, owner));
    }

    private static Long ownerId(MemoryOwner owner, MemoryOwner.Kind kind) {
        return owner.kind() == kind ? owner.id() : null;
    }

    private static JsonObject answer(String status, String key, JsonObject memory) {
        return Jsonp.PROVIDER.createObjectBuilder().add("status", status).add("id", key).add("memory", memory).build();
    }

    /** {@code {status: found|missing, id, memory|null}}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JsonObject retrieve(McpCaller caller, MemoryScope scope, String key) {
        MemoryOwner owner = fleet.owner(caller, scope, false);
        Optional<McpMemory> memory = byKey(owner, key).filter(m -> m.getDeletedAt() == null);
        return Jsonp.PROVIDER.createObjectBuilder().add("status", memory.isPresent() ? "found" : "missing")
                .add("id", memory.map(McpMemory::getMemoryKey).orElse(key))
                .add("memory", memory.<JsonValue>map(m -> view(m, owner)).orElse(JsonValue.NULL)).build();
    }

    /** Soft delete: {@code {status: deleted|missing, id}}. */
    public JsonObject delete(McpCaller caller, MemoryScope scope, String key) {
        Optional<McpMemory> memory = byKey(fleet.owner(caller, scope, true), key).map(this::locked).filter(m -> m.getDeletedAt() == null);
        memory.ifPresent(m -> m.setDeletedAt(Instant.now()));
        return Jsonp.PROVIDER.createObjectBuilder().add("status", memory.isPresent() ? "deleted" : "missing")
                .add("id", memory.map(McpMemory::getMemoryKey).orElse(key)).build();
    }

    /**
     * {@code {status:"ok", query, limit, count, matches:[memory]}} (see {@link MemorySearch}). Scope {@code all}
     * searches the caller's memories and the fleet's and ranks the two lists as one: by score (matches of the
     * fallback after those of the index), then newest first.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JsonObject search(McpCaller caller, MemoryScope scope, String query, List<String> tags, int limit) {
        if (scope != MemoryScope.ALL) {
            return page(fleet.owner(caller, scope, false), query, tags, limit, 0, false);
        }
        MemoryOwner shared = fleet.owner(caller, MemoryScope.FLEET, false);
        MemorySearch search = new MemorySearch(dataSource, false, sizes);
        List<MemorySearch.Row> ofFleet = search.find(shared, query, tags, limit, 0);
        List<MemorySearch.Row> own = search.find(caller.memoryOwner(), query, tags, limit, 0);
        return answer(query, limit, Stream.concat(own.stream(), ofFleet.stream()).sorted(RANKING).limit(limit).toList());
    }

    /** One page of the caller's own memories. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JsonObject page(McpCaller caller, String query, int limit, int offset) {
        return page(caller.memoryOwner(), query, List.of(), limit, offset, false);
    }

    /**
     * One page of a search for admins: the fleet's memories, one host's, or with {@code hostId} null every memory;
     * matches carry their host's name.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public JsonObject administrativePage(boolean fleetOnly, Long hostId, String query, List<String> tags, int limit, int offset) {
        MemoryOwner owner = fleetOnly ? MemoryOwner.FLEET : hostId == null ? null : MemoryOwner.host(hostId);
        return page(owner, query, tags, limit, offset, true);
    }

    /** Soft-deletes a memory by its record id for an admin; false when there is none or it is already deleted. */
    public boolean deleteRecord(long recordId) {
        McpMemory memory = em.find(McpMemory.class, recordId, LockModeType.PESSIMISTIC_WRITE);
        if (memory == null || memory.getDeletedAt() != null) {
            return false;
        }
        memory.setDeletedAt(Instant.now());
        return true;
    }

    /** @param owner null searches every owner */
    private JsonObject page(MemoryOwner owner, String query, List<String> tags, int limit, int offset, boolean withHostNames) {
        return answer(query, limit, new MemorySearch(dataSource, withHostNames, sizes).find(owner, query, tags, limit, offset));
    }

    private static JsonObject answer(String query, int limit, List<MemorySearch.Row> rows) {
        JsonArrayBuilder matches = Jsonp.PROVIDER.createArrayBuilder();
        rows.forEach(row -> matches.add(row.view()));
        return Jsonp.PROVIDER.createObjectBuilder().add("status", "ok").add("query", query).add("limit", limit)
                .add("count", rows.size()).add("matches", matches).build();
    }

    /** A plain (non-locking) read. */
    private Optional<McpMemory> byKey(MemoryOwner owner, String key) {
        if (owner.kind() == MemoryOwner.Kind.FLEET) {
            OptionalLong id = fleetMemoryId(key, false);
            return id.isPresent() ? Optional.ofNullable(em.find(McpMemory.class, id.getAsLong())) : Optional.empty();
        }
        return ownedByKey(owner, key).getResultList().stream().findFirst();
    }

    /** A row known to exist, read under a lock (a locking read sees rows committed after this transaction began). */
    private McpMemory lockedByKey(MemoryOwner owner, String key) {
        if (owner.kind() == MemoryOwner.Kind.FLEET) {
            return em.find(McpMemory.class, fleetMemoryId(key, true).orElseThrow(), LockModeType.PESSIMISTIC_WRITE);
        }
        return ownedByKey(owner, key).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
    }

    /** The record id of the fleet memory with this key, read on the transaction's connection ({@link NewMemoryRow#fleetMemory}). */
    private OptionalLong fleetMemoryId(String key, boolean locking) {
        return em.unwrap(Session.class).doReturningWork(connection -> NewMemoryRow.fleetMemory(connection, key, locking));
    }

    private TypedQuery<McpMemory> ownedByKey(MemoryOwner owner, String key) {
        return em.createQuery("SELECT m FROM McpMemory m WHERE m." + owner.kind().field + " = :owner AND m.memoryKey = :key",
                McpMemory.class).setParameter("owner", owner.id()).setParameter("key", key);
    }

    /** The row re-read under a lock on its primary key. */
    private McpMemory locked(McpMemory memory) {
        em.refresh(memory, LockModeType.PESSIMISTIC_WRITE);
        return memory;
    }

    /** Deletes the tags no longer wanted and inserts the new ones, each row by its primary key (tags compare ignoring case). */
    private void replaceTags(long memoryId, List<String> previous, List<String> wanted) {
        Set<String> before = lowerCased(previous);
        Set<String> after = lowerCased(wanted);
        for (String tag : previous) {
            if (!after.contains(tag.toLowerCase(Locale.ROOT))) {
                em.createNativeQuery("DELETE FROM mcp_memory_tags WHERE memory_id = ?1 AND tag = ?2")
                        .setParameter(1, memoryId).setParameter(2, tag).executeUpdate();
            }
        }
        for (String tag : wanted) {
            if (!before.contains(tag.toLowerCase(Locale.ROOT))) {
                // The column's collation also ignores accents: "café" may already have its row as "cafe".
                em.createNativeQuery("INSERT INTO mcp_memory_tags (memory_id, tag) VALUES (?1, ?2) ON DUPLICATE KEY UPDATE tag = tag")
                        .setParameter(1, memoryId).setParameter(2, tag).executeUpdate();
            }
        }
    }

    /** Same content, the same tags ignoring case and order, and equal metadata ignoring member order. */
    private static boolean sameAs(McpMemory memory, MemoryInput.Draft draft) {
        return memory.getContent().equals(draft.content())
                && lowerCased(parseArray(memory.getTags())).equals(lowerCased(draft.tags()))
                && java.util.Objects.equals(parseObject(memory.getMetadata()), draft.metadata());
    }

    private static Set<String> lowerCased(List<String> tags) {
        return tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static JsonObject view(McpMemory memory, MemoryOwner owner) {
        return new MemorySearch.Row(memory.getId(), memory.getMemoryKey(), memory.getHostId(), memory.getWorkspaceId(), null,
                owner.kind().scope, memory.getContent(), memory.getMetadata(), memory.getTags(), Timestamps.format(memory.getCreatedAt()),
                Timestamps.format(memory.getUpdatedAt()), null).view();
    }

    static List<String> parseArray(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonArray array = Jsonp.PROVIDER.createReader(new StringReader(json)).readArray();
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    static JsonObject parseObject(String json) {
        return json == null || json.isBlank() ? null : Jsonp.PROVIDER.createReader(new StringReader(json)).readObject();
    }
}
