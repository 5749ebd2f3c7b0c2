package dev.codexauth.host.boundary;

import dev.codexauth.host.control.HostUsers;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /host/users}: the local account running cdx, and all accounts known for the host. */
@Path("host/users")
@RequestScoped
@Tag(name = "host")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class HostUsersResource {

    /** {@code {"users": [...]}}, ordered by user name. */
    public record Users(List<HostUsers.User> users) {
    }

    @Inject
    HostRequest request;

    @Inject
    HostUsers hostUsers;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportHostUser", summary = "Report a local user and list the host's users",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "HostUserReport"))
    @APIResponse(responseCode = "200", description = "Every account known for the host",
            content = @Content(schema = @Schema(ref = "HostUsers")))
    public Envelope<Users> report() {
        return Envelope.ok(new Users(hostUsers.report(request.credentials(), request.jsonBody())));
    }
}
