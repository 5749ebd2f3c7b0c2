package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.CiphertextAudit;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.KeyRing;
import dev.codexauth.security.control.Reseal;
import dev.codexauth.security.control.ResealBatches;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/encryption}: the key ring (ids only, never a key), what the last audit found in the sealed
 * columns, and the re-seal that rewrites them under the active key ({@code POST .../reseal}, docs/encryption.md).
 */
@Path("encryption")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-operations")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class EncryptionResource {

    /** One sealed column's re-seal progress. */
    public record ColumnProgress(String column, String state, long lastId, long rewritten, long failed, String startedAt,
                                 String finishedAt) {

        static ColumnProgress of(ResealBatches.ColumnProgress p) {
            return new ColumnProgress(p.column(), p.state(), p.lastId(), p.rewritten(), p.failed(), Timestamps.format(p.startedAt()),
                    Timestamps.format(p.finishedAt()));
        }
    }

    /**
     * The re-seal: {@code idle} (never ran), {@code running} (on this node), {@code stopped} (unfinished: a node stopped
     * during it or it runs on another node; starting it again resumes) or {@code done}, and per column.
     */
    public record ResealView(String state, String activeKey, String trigger, List<ColumnProgress> columns) {
    }

    public record Status(String activeKey, List<String> keys, String writeFormat, boolean readsLegacy,
                         Map<String, CiphertextAudit.ColumnReport> audit, ResealView reseal) {
    }

    @Inject
    Encryption encryption;

    @Inject
    CiphertextAudit audit;

    @Inject
    Reseal reseal;

    @Inject
    ResealBatches batches;

    @Inject
    AuditTrail auditTrail;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "getEncryption", summary = "Key ids, the audit of sealed values and the re-seal's progress")
    @APIResponse(responseCode = "200", description = "The encryption status", content = @Content(schema = @Schema(ref = "EncryptionStatus")))
    public Envelope<Status> status() {
        KeyRing ring = encryption.ring();
        CiphertextAudit.Report report = audit.report();
        return Envelope.ok(new Status(ring.activeKeyId(), ring.keyIds(), ring.writeFormat().name().toLowerCase(java.util.Locale.ROOT),
                ring.readsLegacy(), report == null ? null : report.columns(), resealView()));
    }

    /** Starts (or resumes) the re-seal; 409 while one runs on this node. */
    @POST
    @Path("reseal")
    @RolesAllowed("admin")
    @Operation(operationId = "startReseal", summary = "Re-seal every sealed value under the active key (resumes an unfinished run)")
    @APIResponse(responseCode = "200", description = "The re-seal as it starts", content = @Content(schema = @Schema(ref = "ResealProgress")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<ResealView> start() {
        if (!reseal.start("admin")) {
            throw new ApiException(409, "reseal_running", "A re-seal is already running");
        }
        auditTrail.record(request.actor(), "encryption.reseal", "encryption", encryption.ring().activeKeyId(), null,
                Map.of("active_key", encryption.ring().activeKeyId()), "ok");
        return Envelope.ok(resealView());
    }

    private ResealView resealView() {
        List<ResealBatches.ColumnProgress> columns = batches.progress();
        if (columns.isEmpty()) {
            return new ResealView(reseal.running() ? "running" : "idle", encryption.ring().activeKeyId(), null, List.of());
        }
        boolean done = columns.stream().allMatch(c -> "done".equals(c.state()));
        String state = reseal.running() ? "running" : done ? "done" : "stopped";
        return new ResealView(state, columns.get(0).activeKey(), columns.get(0).trigger(),
                columns.stream().map(ColumnProgress::of).toList());
    }
}
