package dev.codexauth.console.boundary;

import dev.codexauth.console.control.UserAdministration;
import dev.codexauth.http.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

/** {@code /admin/api/users}: admin accounts (admin.md §2.11); admins only. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class UsersResource {

    @Inject
    UserAdministration users;

    @Inject
    AdminRequest request;

    @GET
    public Envelope<Map<String, List<UserAdministration.UserView>>> list() {
        return Envelope.ok(Map.of("users", users.list()));
    }

    /** Body {@code {username, display_name?, role, password?}}; without a password a one-time one is generated. */
    @POST
    public Envelope<UserAdministration.Created> create(String raw) {
        return Envelope.ok(users.create(AdminBodies.object(raw), request.actor()));
    }

    /** Body with any of {@code display_name, role, enabled, cert_fingerprint, reset_password, unlock}. */
    @PUT
    @Path("{id: [0-9]+}")
    public Envelope<UserAdministration.Created> update(@PathParam("id") long id, String raw) {
        return Envelope.ok(users.update(id, AdminBodies.object(raw), request.actor()));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Envelope<Map<String, Long>> delete(@PathParam("id") long id) {
        users.delete(id, request.actor());
        return Envelope.ok(Map.of("deleted", id));
    }
}
