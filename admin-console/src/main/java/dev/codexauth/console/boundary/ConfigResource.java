package dev.codexauth.console.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.Envelope;
import dev.codexauth.security.control.ClientAddress;
import dev.codexauth.sync.control.ClientConfigs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The fleet {@code config.toml} builder: {@code /admin/api/config} (admin.md §2.9, sync.md §2.1). */
@Path("config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class ConfigResource {

    @Inject
    ClientConfigs configs;

    @Inject
    AdminRequest request;

    @Inject
    BaseUrls baseUrls;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest servletRequest;

    @GET
    public Response read() {
        JsonObject document = configs.adminRead();
        Response.ResponseBuilder response = Response.ok(Envelope.ok(document));
        return document.containsKey("sha256") ? response.tag(new EntityTag(document.getString("sha256"))).build() : response.build();
    }

    /** Body {@code {settings}}: the rendering a host would get, with the managed MCP entry; nothing is saved. */
    @POST
    @Path("render")
    public Envelope<JsonObject> render(String raw) {
        String baseUrl = baseUrls.forAdmins(AdminBodies.origin(servletRequest, clientAddress)).orElse("");
        return Envelope.ok(configs.adminRender(AdminBodies.object(raw), baseUrl));
    }

    /** Body {@code {settings, sha256?}}: {@code sha256} is the version being edited (409 when someone saved since). */
    @POST
    @Path("store")
    @RolesAllowed("admin")
    public Envelope<JsonObject> store(String raw, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(configs.adminStore(AdminBodies.object(raw), ifMatch, request.actor()));
    }
}
