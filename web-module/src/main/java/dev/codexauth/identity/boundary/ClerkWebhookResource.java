package dev.codexauth.identity.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.identity.control.ClerkWebhook;
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
 * {@code POST /api/v1/identity/clerk/webhook}: Clerk's events about people leaving revoke what they hold here. Signed
 * by Svix over the exact bytes sent, so the body is read raw (up to 512 KiB) and parsed only once it verified.
 */
@Path("api/v1/identity/clerk/webhook")
@RequestScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class ClerkWebhookResource {

    @EJB
    ClerkWebhook webhook;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/json; charset=utf-8"})
    @Operation(operationId = "receiveClerkEvent", summary = "Receive a Clerk event",
            description = "organizationMembership.deleted, user.deleted and organization.deleted revoke the install tokens of that "
                    + "member, person or organization and end the membership; organizationMembership.updated changes the role; other "
                    + "events are acknowledged and ignored; a message id seen before is acknowledged and not applied again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ClerkEvent")))
    @SecurityRequirement(name = "svixSignature")
    @APIResponse(responseCode = "200", description = "What became of the event", content = @Content(schema = @Schema(ref = "ClerkOutcome")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Envelope<ClerkWebhook.Outcome> receive(InputStream body, @HeaderParam("svix-id") String messageId,
                                                  @HeaderParam("svix-timestamp") String timestamp,
                                                  @HeaderParam("svix-signature") String signatures) {
        return Envelope.ok(webhook.receive(WebhookBody.read(body, "A Clerk event"), messageId, timestamp, signatures));
    }
}
