package dev.codexauth.sync.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.sync.control.FleetVersions;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.sync.control.Wrappers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /versions}: the fleet's version snapshot (host-api.md §4.6) with the unbaked wrapper, public and read-only. */
@Path("versions")
@ApplicationScoped
@Tag(name = "versions")
public class VersionsResource {

    @EJB
    FleetVersions versions;

    @EJB
    Wrappers wrappers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getVersions", summary = "Fleet version snapshot",
            description = "Codex target version and its source, wrapper version, highest reported Codex version and the quota "
                    + "policy. Without a host key the installation id and runner health are withheld (null).")
    @APIResponse(responseCode = "200", description = "The snapshot", content = @Content(schema = @Schema(ref = "VersionsBlock")))
    public Envelope<VersionsBlock> versions() {
        return Envelope.ok(wrappers.unbaked(versions.snapshot().publicView()));
    }
}
