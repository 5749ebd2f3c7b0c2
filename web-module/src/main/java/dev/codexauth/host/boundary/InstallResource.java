package dev.codexauth.host.boundary;

import dev.codexauth.host.control.InstallerTokens;
import dev.codexauth.http.ScriptResponses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /install/{token}}: the one-time installer script ({@code curl -fsSL ... | bash}). Refusals are
 * scripts too, so the pasted command prints the reason. {@code HEAD} checks a token without using it up.
 */
@Path("install/{token}")
@RequestScoped
@Tag(name = "install")
public class InstallResource {

    @Inject
    InstallerTokens installers;

    @GET
    @Operation(operationId = "redeemInstaller", summary = "Redeem an installer token",
            description = "Single use: the first GET gets the script, later ones 410.")
    @APIResponse(responseCode = "200", description = "The installer script with this host's key baked in",
            headers = @Header(name = "X-Installer-Expires-At", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404",
            description = "A script printing Installer not found or Installer host missing; JSON Route "
            + "not found when the token is not a UUID", content = {@Content(mediaType = "text/x-shellscript",
                    schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody"))})
    @APIResponse(responseCode = "410", description = "A script printing Installer already used, or Installer expired",
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    public Response redeem(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Installer-Expires-At", () -> installers.redeem(token));
    }

    @HEAD
    @Operation(operationId = "checkInstaller", summary = "Check an installer token without using it")
    @APIResponse(responseCode = "200", description = "The token is usable", headers = @Header(name = "X-Installer-Expires-At",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown token, its host is gone, or the token is not a UUID")
    @APIResponse(responseCode = "410", description = "The token was used or has expired")
    public Response check(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Installer-Expires-At", () -> installers.preview(token));
    }
}
