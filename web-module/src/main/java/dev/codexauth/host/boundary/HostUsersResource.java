package dev.codexauth.host.boundary;

import dev.codexauth.host.control.HostUsers;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /host/users}: the local account running cdx, and all accounts known for the host. */
@Path("host/users")
@RequestScoped
@Tag(name = "host")
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
    @Operation(summary = "Report a local user and list the host's users")
    public Envelope<Users> report() {
        JsonObject body = request.body().object();
        return Envelope.ok(new Users(hostUsers.report(request.credentials(), text(body.get("username")), text(body.get("hostname")))));
    }

    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
