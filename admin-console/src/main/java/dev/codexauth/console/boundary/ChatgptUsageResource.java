package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.usage.control.ChatgptUsageRefresh;
import dev.codexauth.usage.control.ChatgptUsageReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/chatgpt/usage}: the ChatGPT account quota (admin.md §2.8). A GET only reads the stored snapshot
 * (a timer keeps it current; the original's {@code ?force=1} would make a read change state, so it is refused);
 * {@code POST .../refresh} reads upstream now, admins only, at most once per {@code CHATGPT_USAGE_FORCE_MIN_SECONDS}
 * fleet-wide.
 */
@Path("chatgpt/usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-chatgpt")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class ChatgptUsageResource {

    @Inject
    ChatgptUsageRefresh refresh;

    @Inject
    ChatgptUsageReports reports;

    @Inject
    AuditTrail audit;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "getChatgptUsage", summary = "The latest ChatGPT quota reading; force=1 reads upstream now (admins)")
    @APIResponse(responseCode = "200", description = "The reading", content = @Content(schema = @Schema(ref = "ChatgptUsage")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<ChatgptUsageReports.Current> current(@QueryParam("force") String force) {
        if (QueryInput.flag("force", force)) {
            throw new ApiException(400, "use_post", "A GET never calls upstream or stores a snapshot; refresh with "
                    + "POST /admin/api/chatgpt/usage/refresh");
        }
        return Envelope.ok(ChatgptUsageReports.Current.of(refresh.latest(), true));
    }

    @POST
    @Path("refresh")
    @RolesAllowed("admin")
    @Operation(operationId = "refreshChatgptUsage", summary = "Read the ChatGPT quota upstream now")
    @APIResponse(responseCode = "200", description = "The new reading",
            content = @Content(schema = @Schema(ref = "ChatgptUsage")))
    public Envelope<ChatgptUsageReports.Current> refreshNow() {
        return Envelope.ok(forced());
    }

    @GET
    @Path("history")
    @Operation(operationId = "getChatgptUsageHistory", summary = "Quota readings of the last days")
    @APIResponse(responseCode = "200", description = "The readings", content = @Content(schema = @Schema(ref = "ChatgptHistory")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<ChatgptUsageReports.History> history(@QueryParam("days") @DefaultValue("60") String days) {
        return Envelope.ok(reports.history(QueryInput.integer("days", days, 1, 180), Instant.now()));
    }

    private ChatgptUsageReports.Current forced() {
        ChatgptUsageRefresh.Result result = refresh.force("admin");
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", result.snapshot().getStatus());
        after.put("error", result.snapshot().getError());
        AuditTrail.Actor actor = request.actor();
        audit.record(actor, "chatgpt.usage.refresh", "chatgpt_usage", result.snapshot().getId(), null, after, "ok");
        return ChatgptUsageReports.Current.of(result.snapshot(), result.cached());
    }
}
