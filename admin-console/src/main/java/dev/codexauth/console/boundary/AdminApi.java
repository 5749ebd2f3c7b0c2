package dev.codexauth.console.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The admin JSON API under {@code /admin/api} (and the original's paths, see {@link LegacyAdminPaths}). It never
 * answers to the host kill switch nor shares the host rate limits (admin.md §1.2); roles are {@code admin} (all)
 * and {@code viewer} (reads without secrets).
 */
@ApplicationPath("api")
@DeclareRoles({"admin", "viewer"})
public class AdminApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.packages", "dev.codexauth",
                "jersey.config.server.provider.classnames", "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature",
                "jersey.config.server.wadl.disableWadl", true);
    }
}
