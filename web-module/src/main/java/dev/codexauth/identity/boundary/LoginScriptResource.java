package dev.codexauth.identity.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.host.control.ShellScript;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.HostRequest;
import dev.codexauth.identity.control.LoginScript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /install/login}: the sign-in-and-enrol script people pipe to bash (docs/identity.md). */
@Path("install/login")
@RequestScoped
@Tag(name = "install")
public class LoginScriptResource {

    private static final String SHELL = "text/x-shellscript; charset=utf-8";

    @Inject
    HostRequest request;

    @Inject
    BaseUrls baseUrls;

    @GET
    @Operation(operationId = "loginScript", summary = "The script that signs a person in and enrols this machine")
    @APIResponse(responseCode = "200", description = "The script", content = @Content(mediaType = "text/x-shellscript",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "No public base URL: a script that prints why and fails",
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    public Response script() {
        String body;
        int status = 200;
        try {
            body = LoginScript.render(baseUrls.require(request.origin()));
        } catch (ApiException missing) {
            status = missing.status();
            body = ShellScript.refusal(missing.getMessage());
        }
        return Response.status(status).type(SHELL).entity(body).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").build();
    }
}
