package dev.codexauth.console.boundary;

import dev.codexauth.http.SharedProviders;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The admin JSON API under {@code /admin/api} (and the original's paths, see {@link LegacyAdminPaths}). It never
 * answers to the host kill switch nor shares the host rate limits (admin.md §1.2); roles are {@code admin} (all)
 * and {@code viewer} (reads without secrets). Its resources are listed, never scanned, so that none of the host
 * API's is picked up when both live in one archive.
 */
@ApplicationPath("api")
@DeclareRoles({"admin", "viewer"})
public class AdminApi extends Application {

    private static final Set<Class<?>> OWN = Set.of(AdminAccessFilter.class,
            AgentsResource.class, ApiTokensResource.class, AuditResource.class, CanonicalAuthResource.class,
            ChatgptUsageResource.class, ConfigResource.class, DiagnosticsResource.class, EncryptionResource.class,
            FleetResource.class, HealthResource.class, HostSettingsResource.class, HostsResource.class,
            LogsResource.class, McpLogsResource.class, McpMemoriesResource.class, OverviewResource.class,
            PeopleResource.class, PricingResource.class, ProvidersResource.class, RetentionResource.class,
            RunnerResource.class, SessionResource.class, SyncedFilesResource.class, TokensResource.class,
            UsageReportsResource.class, UsersResource.class, WorkspacesResource.class);

    @Override
    public Set<Class<?>> getClasses() {
        return SharedProviders.with(OWN);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature",
                "jersey.config.server.wadl.disableWadl", true);
    }
}
