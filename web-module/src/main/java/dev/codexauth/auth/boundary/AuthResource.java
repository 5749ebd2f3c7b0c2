package dev.codexauth.auth.boundary;

import dev.codexauth.auth.control.AuthAnswer;
import dev.codexauth.auth.control.AuthSync;
import dev.codexauth.auth.control.InSyncRetrieve;
import dev.codexauth.host.control.HostDeletion;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import jakarta.enterprise.context.RequestScoped;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /auth} (retrieve or store the canonical auth.json) and {@code DELETE /auth} (a host leaves). */
@Path("auth")
@RequestScoped
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** {@code {"deleted": "<fqdn>"}}. */
    public record Deleted(String deleted) {
    }

    @Inject
    HostRequest request;

    @Inject
    InSyncRetrieve inSync;

    @Inject
    AuthSync sync;

    @Inject
    HostDeletion deletion;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Retrieve or store the canonical auth.json",
            description = "command retrieve (default) compares the host's digest and last_refresh with the canonical "
                    + "document; command store offers the host's auth.json. Answers carry versions, quota policy and usage.")
    public Envelope<AuthAnswer> exchange() {
        Function<String, String> query = name -> uri.getQueryParameters().getFirst(name);
        JsonObject body = request.body().object();
        return Envelope.ok(inSync.answer(request.credentials(), request.origin(), body, query)
                .orElseGet(() -> sync.exchange(request.credentials(), request.origin(), body, query)));
    }

    /** {@code ?force} with any value but {@code 0} (or none) lets a new IP re-bind the key first. */
    @DELETE
    @Operation(summary = "Deregister the calling host", description = "With ?force a new IP re-binds the key first.")
    public Envelope<Deleted> deregister() {
        java.util.List<String> force = uri.getQueryParameters().get("force");
        boolean forced = force != null && !force.contains("0");
        return Envelope.ok(new Deleted(deletion.deregister(request.credentials().withForcedRebind(forced))));
    }
}
