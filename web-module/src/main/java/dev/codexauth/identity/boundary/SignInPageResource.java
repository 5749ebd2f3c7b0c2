package dev.codexauth.identity.boundary;

import dev.codexauth.identity.control.IdentitySettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /signin}: the page that walks a person through seed 000 — sign in with Clerk's widget (or a
 * development token in dev mode), mint an install token, copy its pill, list and revoke tokens. Its script and
 * style come from this server only; the Content-Security-Policy allows Clerk's own origin and nothing else.
 */
@Path("signin")
@RequestScoped
@Tag(name = "signin")
public class SignInPageResource {

    private static final String CLERK_JS = "/npm/@clerk/clerk-js@5/dist/clerk.browser.js";

    @Inject
    IdentitySettings settings;

    @GET
    @Produces("text/html; charset=utf-8")
    @Operation(operationId = "signInPage", summary = "The sign-in page where people mint install tokens")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html",
            schema = @Schema(type = SchemaType.STRING)))
    public Response page() {
        Optional<String> clerk = settings.issuer().filter(issuer -> settings.publishableKey().isPresent());
        String script = clerk.map(frontend -> "<script async crossorigin=\"anonymous\" data-clerk-publishable-key=\""
                + attribute(settings.publishableKey().get()) + "\" src=\"" + attribute(frontend + CLERK_JS) + "\"></script>").orElse("");
        String html = resource("signin.html")
                .replace("{{MODE}}", attribute(settings.mode()))
                .replace("{{CLERK_FRONTEND}}", attribute(clerk.orElse("")))
                .replace("{{CLERK_PUBLISHABLE_KEY}}", attribute(settings.publishableKey().orElse("")))
                .replace("{{CLERK_SCRIPT}}", script);
        String clerkOrigin = clerk.map(origin -> " " + origin).orElse("");
        return Response.ok(html)
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self'" + clerkOrigin + "; connect-src 'self'" + clerkOrigin
                        + "; frame-src" + (clerk.isPresent() ? clerkOrigin : " 'none'") + "; img-src 'self' data: https://img.clerk.com"
                        + "; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("app.js")
    @Produces("text/javascript; charset=utf-8")
    @Operation(operationId = "signInScript", summary = "The sign-in page's script")
    @APIResponse(responseCode = "200", description = "The script", content = @Content(mediaType = "text/javascript",
            schema = @Schema(type = SchemaType.STRING)))
    public Response script() {
        return Response.ok(resource("app.js")).header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("app.css")
    @Produces("text/css; charset=utf-8")
    @Operation(operationId = "signInStyle", summary = "The sign-in page's style sheet")
    @APIResponse(responseCode = "200", description = "The style sheet", content = @Content(mediaType = "text/css",
            schema = @Schema(type = SchemaType.STRING)))
    public Response style() {
        return Response.ok(resource("app.css")).header("X-Content-Type-Options", "nosniff").build();
    }

    private static String resource(String name) {
        try (InputStream in = SignInPageResource.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
