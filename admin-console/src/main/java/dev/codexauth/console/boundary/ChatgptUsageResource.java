package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
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

/**
 * {@code /admin/api/chatgpt/usage}: the ChatGPT account quota (admin.md §2.8). A plain GET only reads the stored
 * snapshot (a timer keeps it current); {@code ?force=1} and {@code POST .../refresh} read upstream now, admins only,
 * at most once per {@code CHATGPT_USAGE_FORCE_MIN_SECONDS} fleet-wide.
 */
@Path("chatgpt/usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
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
    public Envelope<ChatgptUsageReports.Current> current(@QueryParam("force") String force) {
        if (QueryInput.flag("force", force)) {
            if (!request.principal().admin()) {
                throw new ApiException(403, "forbidden", "Only admins may refresh the ChatGPT usage");
            }
            return Envelope.ok(forced());
        }
        return Envelope.ok(ChatgptUsageReports.Current.of(refresh.latest(), true));
    }

    @POST
    @Path("refresh")
    @RolesAllowed("admin")
    public Envelope<ChatgptUsageReports.Current> refreshNow() {
        return Envelope.ok(forced());
    }

    @GET
    @Path("history")
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
