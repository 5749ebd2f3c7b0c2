package dev.codexauth.console.boundary;

import dev.codexauth.console.control.UserAdministration;
import dev.codexauth.http.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/users}: admin accounts (admin.md §2.11); admins only. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-users")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class UsersResource {

    @Inject
    UserAdministration users;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "listAdminUsers", summary = "Admin accounts")
    @APIResponse(responseCode = "200", description = "The accounts", content = @Content(schema = @Schema(ref = "AdminUsers")))
    public Envelope<Map<String, List<UserAdministration.UserView>>> list() {
        return Envelope.ok(Map.of("users", users.list()));
    }

    /** Body {@code {username, display_name?, role, password?}}; without a password a one-time one is generated. */
    @POST
    @Operation(operationId = "createAdminUser", summary = "Create an admin account")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminUserCreation")))
    @APIResponse(responseCode = "200", description = "The account, with a one-time password when none was given",
            content = @Content(schema = @Schema(ref = "AdminUserSaved")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<UserAdministration.Created> create(JsonObject body) {
        return Envelope.ok(users.create(body, request.actor()));
    }

    /** Body with any of {@code display_name, role, enabled, cert_fingerprint, reset_password, unlock}. */
    @PUT
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateAdminUser", summary = "Change an admin account")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminUserChange")))
    @APIResponse(responseCode = "200", description = "The account, with a one-time password after a reset",
            content = @Content(schema = @Schema(ref = "AdminUserSaved")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<UserAdministration.Created> update(@PathParam("id") long id, JsonObject body) {
        return Envelope.ok(users.update(id, body, request.actor()));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteAdminUser", summary = "Delete an admin account")
    @APIResponse(responseCode = "200", description = "The deleted account's id",
            content = @Content(schema = @Schema(ref = "AdminUserDeleted")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<Map<String, Long>> delete(@PathParam("id") long id) {
        users.delete(id, request.actor());
        return Envelope.ok(Map.of("deleted", id));
    }
}
