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
    @Operation(summary = "Redeem an installer token", description = "Single use: the first GET gets the script, later ones 410.")
    public Response redeem(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Installer-Expires-At", () -> installers.redeem(token));
    }

    @HEAD
    @Operation(summary = "Check an installer token without using it")
    public Response check(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Installer-Expires-At", () -> installers.preview(token));
    }
}
