package dev.codexauth.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The host API at the root of the server: the endpoints the {@code cdx} wrapper, its installer and MCP clients call.
 * Resources live in each feature's {@code boundary} package; the shared error mapping and JSON settings come from
 * the EJB module, which is why the whole {@code dev.codexauth} package is scanned.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Codex Auth Central host API", version = "1",
        description = "Endpoints called by cdx hosts, installers and MCP clients. Paths, fields and status codes are "
                + "compatible with the original PHP service."))
public class HostApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.packages", "dev.codexauth",
                "jersey.config.server.wadl.disableWadl", true);
    }
}
