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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /wrapper} and {@code GET /wrapper/download}: the cdx script baked for the calling host (host-api.md §4.5). */
@Path("wrapper")
@RequestScoped
@Tag(name = "wrapper")
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
    @Operation(summary = "Version and sha256 of the wrapper baked for this host")
    public Envelope<WrapperInfo> metadata() {
        WrapperBaking.BakedWrapper baked = wrappers.download(request.credentials(), request.origin());
        return Envelope.ok(new WrapperInfo(baked.version(), baked.sha256(), baked.sizeBytes(), baked.updatedAt(), FleetVersions.WRAPPER_URL));
    }

    @GET
    @Path("download")
    @Produces("text/x-shellscript")
    @Operation(summary = "The wrapper baked for this host", description = "X-SHA256 and ETag carry the sha256 of exactly these bytes.")
    public Response download() {
        WrapperBaking.BakedWrapper baked = wrappers.download(request.credentials(), request.origin());
        return Response.ok(baked.body(), "text/x-shellscript")
                .header("Content-Disposition", "attachment; filename=\"cdx-" + baked.version() + ".sh\"")
                .header("X-SHA256", baked.sha256())
                .header("ETag", "\"" + baked.sha256() + "\"")
                .header("Content-Length", baked.sizeBytes())
                .build();
    }
}
