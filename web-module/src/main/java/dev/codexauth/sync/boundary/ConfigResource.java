package dev.codexauth.sync.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.host.control.SettledHosts;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.ClientConfigs;
import dev.codexauth.sync.control.ConfigAnswers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /config/retrieve}: the fleet {@code config.toml} baked for the calling host (host-api.md §4.10, sync.md §2.4). */
@Path("config")
@ApplicationScoped
@Tag(name = "sync")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class ConfigResource {

    @Inject
    HostRequest request;

    @EJB
    ClientConfigs configs;

    @Inject
    SettledHosts settledHosts;

    @Inject
    ConfigAnswers answers;

    @Inject
    BaseUrls baseUrls;

    @POST
    @Path("retrieve")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retrieveConfig", summary = "The host's config.toml",
            description = "Body {sha256?}: missing (delete the local file), unchanged, or updated with content, the profile files "
                    + "for Codex 0.169+ and the default profile.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "KnownVersion"))
    @APIResponse(responseCode = "200", description = "The file's state, baked for this host",
            content = @Content(schema = @Schema(ref = "ConfigRetrieved")))
    public Envelope<JsonObject> retrieve() {
        String baseUrl = baseUrls.require(request.origin());
        JsonObject body = request.jsonBody();
        return Envelope.ok(settledHosts.settled(request.credentials())
                .map(host -> answers.forHost(host, body, baseUrl))
                .orElseGet(() -> configs.hostRetrieve(request.credentials(), body, baseUrl)));
    }
}
