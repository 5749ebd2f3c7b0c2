package dev.codexauth.sync.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.ClientConfigs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /config/retrieve}: the fleet {@code config.toml} baked for the calling host (host-api.md §4.10, sync.md §2.4). */
@Path("config")
@RequestScoped
@Tag(name = "sync")
public class ConfigResource {

    @Inject
    HostRequest request;

    @Inject
    ClientConfigs configs;

    @Inject
    BaseUrls baseUrls;

    @POST
    @Path("retrieve")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The host's config.toml", description = "Body {sha256?}: missing (delete the local file), unchanged, or "
            + "updated with content, the profile files for Codex 0.169+ and the default profile.")
    public Envelope<JsonObject> retrieve() {
        String baseUrl = baseUrls.forHosts(request.origin()).orElse("");
        return Envelope.ok(configs.hostRetrieve(request.credentials(), request.body().object(), baseUrl));
    }
}
