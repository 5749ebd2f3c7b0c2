package dev.codexauth.sync.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.sync.control.SyncedFileCatalog.HostFile;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Optional;

/**
 * The host's reads of prompts and skills (sync.md §3, §4) for a host already authenticated, by the full path
 * ({@link SyncedFiles}) or from memory ({@link dev.codexauth.host.control.SettledHosts}): both answer and log alike.
 */
@ApplicationScoped
public class SyncedFileAnswers {

    @EJB
    SyncedFileCatalog catalog;

    @Inject
    EventBuffer eventBuffer;

    /** The manifest: every file with its sha256, retired ones included (hosts delete those). */
    public JsonObject list(long hostId, SyncedFileKind kind) {
        SyncedFileCatalog.Snapshot snapshot = catalog.current(kind);
        eventBuffer.record(hostId, kind.logPrefix + ".list", Events.details("count", snapshot.files().size()));
        return snapshot.listing();
    }

    /** Body {@code {<name>, sha256?}}: missing, deleted, unchanged (same sha) or updated with the content. */
    public JsonObject retrieve(long hostId, SyncedFileKind kind, JsonObject body) {
        String name = requestedName(kind, body);
        Optional<String> known = DocumentFields.sha256(body, "sha256");
        Optional<HostFile> file = catalog.current(kind).find(name);
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder();
        String status;
        if (file.isEmpty()) {
            status = "missing";
            answer.add("status", status).add(kind.nameField, name);
        } else if (file.get().deletedAt() != null) {
            status = "deleted";
            answer.add("status", status).add(kind.nameField, file.get().name()).add("deleted_at", Timestamps.format(file.get().deletedAt()));
        } else {
            HostFile found = file.get();
            status = known.filter(found.sha256()::equals).isPresent() ? "unchanged" : "updated";
            answer.add("status", status).add(kind.nameField, found.name()).add("sha256", found.sha256());
            Jsonp.nullable(answer, kind.firstMetadataField, found.firstMetadata());
            Jsonp.nullable(answer, kind.secondMetadataField, found.secondMetadata());
            answer.add("updated_at", Timestamps.format(found.updatedAt()));
            if (status.equals("updated")) {
                answer.add(kind.contentField, found.content());
            }
        }
        eventBuffer.record(hostId, kind.logPrefix + ".retrieve", Events.details(kind.nameField, name, "status", status));
        return answer.build();
    }

    /** The name a request gives under any of the kind's field names, checked as a file name. */
    static String requestedName(SyncedFileKind kind, JsonObject body) {
        for (String alias : kind.nameAliases) {
            if (body.get(alias) instanceof JsonString text) {
                return SyncedFiles.checkedName(kind, text.getString());
            }
        }
        return SyncedFiles.checkedName(kind, "");
    }

    static JsonObject listing(SyncedFileKind kind, List<HostFile> files) {
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        files.forEach(file -> items.add(entry(kind, file)));
        return Jsonp.PROVIDER.createObjectBuilder().add(kind.listField, items).build();
    }

    static JsonObjectBuilder entry(SyncedFileKind kind, HostFile file) {
        JsonObjectBuilder entry = Jsonp.PROVIDER.createObjectBuilder().add("id", file.id())
                .add(kind.nameField, file.name()).add("sha256", file.sha256());
        Jsonp.nullable(entry, kind.firstMetadataField, file.firstMetadata());
        Jsonp.nullable(entry, kind.secondMetadataField, file.secondMetadata());
        entry.add("updated_at", Timestamps.format(file.updatedAt()));
        Jsonp.nullable(entry, "deleted_at", file.deletedAt() == null ? null : Timestamps.format(file.deletedAt()));
        return entry;
    }
}
