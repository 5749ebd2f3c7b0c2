package dev.codexauth.auth.boundary;

import dev.codexauth.auth.control.AuthAnswer;
import dev.codexauth.auth.control.AuthSync;
import dev.codexauth.auth.control.InSyncRetrieve;
import dev.codexauth.host.control.HostDeletion;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.DatabaseConflict;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /auth} (retrieve or store the canonical auth.json) and {@code DELETE /auth} (a host leaves). */
@Path("auth")
@ApplicationScoped
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class AuthResource {

    /** {@code {"deleted": "<fqdn>"}}. */
    public record Deleted(String deleted) {
    }

    @Inject
    HostRequest request;

    @Inject
    InSyncRetrieve inSync;

    @EJB
    AuthSync sync;

    @EJB
    HostDeletion deletion;

    @Context
    UriInfo uri;

    @POST
    @Operation(operationId = "syncAuth", summary = "Retrieve or store the canonical auth.json",
            description = "command retrieve (default) compares the host's digest and last_refresh with the canonical "
                    + "document; command store offers the host's auth.json. Answers carry versions, quota policy and usage.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "AuthRequest"))
    @APIResponse(responseCode = "200", description = "The decision, the fleet's state and this host's usage",
            content = @Content(schema = @Schema(ref = "AuthAnswer")))
    public Envelope<AuthAnswer> exchange() {
        Function<String, String> query = name -> uri.getQueryParameters().getFirst(name);
        JsonObject body = request.jsonBody();
        // Once more after a collision: a host deleted while its call ran then gets the 401 it would get a moment later.
        return Envelope.ok(inSync.answer(request.credentials(), request.origin(), body, query)
                .orElseGet(() -> DatabaseConflict.retriedOnce(() -> sync.exchange(request.credentials(), request.origin(), body, query))));
    }

    /** {@code ?force} with any value but {@code 0} (or none) lets a new IP re-bind the key first. */
    @DELETE
    @Operation(operationId = "deregisterHost", summary = "Deregister the calling host",
            description = "With ?force a new IP re-binds the key first.")
    @Parameter(name = "force", in = ParameterIn.QUERY, allowEmptyValue = true,
            description = "Any value but 0, or none, re-binds the key to the caller's IP instead of refusing a new IP")
    @APIResponse(responseCode = "200", description = "The host is gone", content = @Content(schema = @Schema(ref = "HostLeft")))
    public Envelope<Deleted> deregister() {
        java.util.List<String> force = uri.getQueryParameters().get("force");
        boolean forced = force != null && !force.contains("0");
        return Envelope.ok(new Deleted(deletion.deregister(request.credentials().withForcedRebind(forced))));
    }
}
