package dev.codexauth.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The host API at the root of the server: the endpoints the {@code cdx} wrapper, its installer and MCP clients call.
 * Resources live in each feature's {@code boundary} package; the shared error mapping and JSON settings come from
 * the EJB module, which is why the whole {@code dev.codexauth} package is scanned.
 */
@ApplicationPath("/")
public class HostApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.packages", "dev.codexauth",
                "jersey.config.server.wadl.disableWadl", true);
    }
}
