package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AuditQueries;
import dev.codexauth.console.entity.AdminAudit;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /admin/api/audit}: the admin audit trail, filtered and paged, as JSON or CSV; admins only. */
@Path("audit")
@RequestScoped
@RolesAllowed("admin")
@Tag(name = "admin-audit")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class AuditResource {

    /** One audit row; before/after are the JSON that was stored (secrets were never in it). */
    public record Entry(long id, String at, String actor, String authMethod, String certFingerprint, String clientIp, String action,
                        String targetType, String targetId, String before, String after, String result, String requestId) {
        static Entry of(AdminAudit a) {
            return new Entry(a.getId(), Timestamps.format(a.getAt()), a.getActor(), a.getAuthMethod(), a.getCertFingerprint(),
                    a.getClientIp(), a.getAction(), a.getTargetType(), a.getTargetId(), a.getBeforeState(), a.getAfterState(),
                    a.getResult(), a.getRequestId());
        }
    }

    public record Page(List<Entry> entries, long total, int page, int perPage) {
    }

    @Inject
    AuditQueries audit;

    @GET
    @Operation(operationId = "listAuditEntries", summary = "The audit trail, filtered and paged, as JSON or CSV")
    @APIResponse(responseCode = "200", description = "The page, or with format=csv its entries as CSV", content = {
            @Content(mediaType = "application/json", schema = @Schema(ref = "AuditPage")),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response find(@QueryParam("page") @DefaultValue("1") String page, @QueryParam("per_page") @DefaultValue("100") String perPage,
                         @QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("target_type") String targetType, @QueryParam("target_id") String targetId,
                         @QueryParam("result") String result, @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("format") @DefaultValue("json") String format) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw ValidationFailed.of("format", "format must be json or csv");
        }
        AuditQueries.Page found = audit.find(new AuditQueries.Filter(actor, action, targetType, targetId, result,
                LogsResource.time("since", since), LogsResource.time("until", until)),
                QueryInput.integer("page", page, 1, 1_000_000), QueryInput.integer("per_page", perPage, 1, 1000));
        List<Entry> entries = found.entries().stream().map(Entry::of).toList();
        if (format.equals("csv")) {
            String csv = CsvTable.of(List.of("id", "at", "actor", "auth_method", "client_ip", "action", "target_type", "target_id",
                    "result", "before", "after"), entries.stream().map(e -> Arrays.asList(String.valueOf(e.id()), e.at(), e.actor(),
                    e.authMethod(), e.clientIp(), e.action(), e.targetType(), e.targetId(), e.result(), e.before(), e.after())));
            return Response.ok(csv, "text/csv").header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
        }
        return Response.ok(Envelope.ok(new Page(entries, found.total(), found.page(), found.perPage())), "application/json").build();
    }
}
