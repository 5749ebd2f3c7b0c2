package dev.codexauth.identity.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.identity.control.StripeWebhook;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/billing/stripe/webhook}: Stripe's subscription events set workspace entitlements. The
 * signature covers the exact bytes Stripe sent, so the body is read raw (up to 512 KiB) and parsed only once it
 * verified.
 */
@Path("api/v1/billing/stripe/webhook")
@RequestScoped
@Tag(name = "billing")
@Produces(MediaType.APPLICATION_JSON)
public class StripeWebhookResource {

    @EJB
    StripeWebhook webhook;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/json; charset=utf-8"})
    @Operation(operationId = "receiveStripeEvent", summary = "Receive a Stripe event",
            description = "customer.subscription.created|updated|deleted set the linked workspace's entitlement; other events are "
                    + "acknowledged and ignored; an event id seen before is acknowledged and not applied again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "StripeEvent")))
    @SecurityRequirement(name = "stripeSignature")
    @APIResponse(responseCode = "200", description = "What became of the event", content = @Content(schema = @Schema(ref = "StripeOutcome")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Envelope<StripeWebhook.Outcome> receive(InputStream body, @HeaderParam("Stripe-Signature") String signature) {
        return Envelope.ok(webhook.receive(WebhookBody.read(body, "A Stripe event"), signature));
    }
}
