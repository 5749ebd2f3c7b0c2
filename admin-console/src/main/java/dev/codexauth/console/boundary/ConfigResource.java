package dev.codexauth.console.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.Envelope;
import dev.codexauth.sync.control.ClientConfigs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** The fleet {@code config.toml} builder: {@code /admin/api/config} (admin.md §2.9, sync.md §2.1). */
@Path("config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-sync")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class ConfigResource {

    @Inject
    ClientConfigs configs;

    @Inject
    AdminRequest request;

    @Inject
    BaseUrls baseUrls;

    @GET
    @Operation(operationId = "getConfig", summary = "The fleet config.toml and its builder settings")
    @APIResponse(responseCode = "200", description = "The document; ETag is its sha256",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "ConfigDocument")))
    public Response read() {
        JsonObject document = configs.adminRead();
        Response.ResponseBuilder response = Response.ok(Envelope.ok(document));
        return document.containsKey("sha256") ? response.tag(new EntityTag(document.getString("sha256"))).build() : response.build();
    }

    /** Body {@code {settings}}: the rendering a host would get, with the managed MCP entry; nothing is saved. */
    @POST
    @Path("render")
    @Operation(operationId = "renderConfig", summary = "Render settings as a host would get them, without saving")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ConfigRendering")))
    @APIResponse(responseCode = "200", description = "The rendering",
            content = @Content(schema = @Schema(ref = "ConfigRendered")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Envelope<JsonObject> render(JsonObject body) {
        String baseUrl = baseUrls.require(request.origin());
        return Envelope.ok(configs.adminRender(body, baseUrl));
    }

    /** Body {@code {settings, sha256?}}: {@code sha256} is the version being edited (409 when someone saved since). */
    @POST
    @Path("store")
    @RolesAllowed("admin")
    @Operation(operationId = "saveConfig", summary = "Save the builder settings")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ConfigSave")))
    @APIResponse(responseCode = "200", description = "The saved document",
            content = @Content(schema = @Schema(ref = "ConfigSaved")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<JsonObject> store(JsonObject body, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(configs.adminStore(body, ifMatch, request.actor()));
    }
}
