package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.usage.control.PriceList;
import dev.codexauth.usage.control.PriceView;
import dev.codexauth.usage.control.Prices;
import dev.codexauth.usage.control.PricingRefresh;
import dev.codexauth.usage.control.PricingSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/pricing} (new): the prices usage is costed with (the latest snapshot per model; models without one
 * use {@code default}) and a refresh from {@code PRICING_URL} or the environment now, ignoring the one-day reuse.
 */
@Path("pricing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-pricing")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class PricingResource {

    public record Overview(String defaultModel, PriceView fallback, boolean sourceConfigured, List<PriceView> models) {
    }

    public record Refreshed(List<PriceView> recorded, String error) {
    }

    @Inject
    PriceList priceList;

    @Inject
    PricingRefresh refresh;

    @Inject
    PricingSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "getPricing", summary = "The prices usage is costed with")
    @APIResponse(responseCode = "200", description = "The prices", content = @Content(schema = @Schema(ref = "PricingOverview")))
    public Envelope<Overview> prices() {
        List<PriceView> models = priceList.latest().stream().sorted(Comparator.comparing(Prices::model))
                .map(PriceView::of).toList();
        return Envelope.ok(new Overview(PricingSettings.DEFAULT_MODEL, PriceView.of(priceList.defaultPrices()),
                settings.url().isPresent(), models));
    }

    @POST
    @Path("refresh")
    @RolesAllowed("admin")
    @Operation(operationId = "refreshPricing", summary = "Fetch prices now")
    @APIResponse(responseCode = "200", description = "What was recorded",
            content = @Content(schema = @Schema(ref = "PricingRefreshed")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<Refreshed> refreshNow() {
        PricingRefresh.Outcome outcome = refresh.refreshNow("admin");
        if (outcome == null) {
            throw new ApiException(409, "refresh_running", "A pricing refresh is already running on another node");
        }
        List<PriceView> recorded = outcome.recorded().stream().map(PriceView::of).toList();
        AuditTrail.Actor actor = request.actor();
        audit.record(actor, "pricing.refresh", "pricing", null, null,
                Map.of("models", recorded.stream().map(PriceView::model).toList(), "error", String.valueOf(outcome.error())), "ok");
        return Envelope.ok(new Refreshed(recorded, outcome.error()));
    }
}
