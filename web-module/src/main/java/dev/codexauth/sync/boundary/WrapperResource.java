package dev.codexauth.sync.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.FleetVersions;
import dev.codexauth.sync.control.WrapperBaking;
import dev.codexauth.sync.control.Wrappers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /wrapper} and {@code GET /wrapper/download}: the cdx script baked for the calling host (host-api.md §4.5). */
@Path("wrapper")
@RequestScoped
@Tag(name = "wrapper")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class WrapperResource {

    /** Metadata of the caller's baked script; {@code url} is relative to the base URL. */
    public record WrapperInfo(String version, String sha256, long sizeBytes, String updatedAt, String url) {
    }

    @Inject
    HostRequest request;

    @Inject
    Wrappers wrappers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getWrapperInfo", summary = "Version and sha256 of the wrapper baked for this host")
    @APIResponse(responseCode = "200", description = "The baked wrapper's metadata",
            content = @Content(schema = @Schema(ref = "WrapperInfo")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Envelope<WrapperInfo> metadata() {
        WrapperBaking.BakedWrapper baked = wrappers.download(request.credentials(), request.origin(), false);
        return Envelope.ok(new WrapperInfo(baked.version(), baked.sha256(), baked.sizeBytes(), baked.updatedAt(), FleetVersions.WRAPPER_URL));
    }

    @GET
    @Path("download")
    @Produces("text/x-shellscript")
    @Operation(operationId = "downloadWrapper", summary = "The wrapper baked for this host",
            description = "X-SHA256 and ETag carry the sha256 of exactly these bytes.")
    @APIResponse(responseCode = "200", description = "The script", headers = {
            @Header(name = "X-SHA256", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response download(@QueryParam("key") String key) {
        // key=baked: the copy announced to a wrapper older than key files (sync/control/Wrappers).
        WrapperBaking.BakedWrapper baked = wrappers.download(request.credentials(), request.origin(), "baked".equals(key));
        return Response.ok(baked.body(), "text/x-shellscript")
                .header("Content-Disposition", "attachment; filename=\"cdx-" + baked.version() + ".sh\"")
                .header("X-SHA256", baked.sha256())
                .header("ETag", "\"" + baked.sha256() + "\"")
                .header("Content-Length", baked.sizeBytes())
                .build();
    }
}
