package dev.codexauth.http;

import dev.codexauth.auth.boundary.AuthResource;
import dev.codexauth.auth.boundary.SeedResource;
import dev.codexauth.host.boundary.HostUsersResource;
import dev.codexauth.host.boundary.InstallResource;
import dev.codexauth.identity.boundary.ClerkWebhookResource;
import dev.codexauth.identity.boundary.CliSignInResource;
import dev.codexauth.identity.boundary.HostEnrollResource;
import dev.codexauth.identity.boundary.LlmTokensResource;
import dev.codexauth.identity.boundary.LoginScriptResource;
import dev.codexauth.identity.boundary.MeResource;
import dev.codexauth.identity.boundary.PillResource;
import dev.codexauth.identity.boundary.SignInPageResource;
import dev.codexauth.identity.boundary.StripeWebhookResource;
import dev.codexauth.identity.boundary.TasksResource;
import dev.codexauth.mcp.boundary.McpErrorMapper;
import dev.codexauth.mcp.boundary.McpMemoriesResource;
import dev.codexauth.mcp.boundary.McpResource;
import dev.codexauth.mcp.boundary.McpResponseFilter;
import dev.codexauth.mcp.boundary.McpStatusResource;
import dev.codexauth.provider.boundary.ClaudeCredentialResource;
import dev.codexauth.provider.boundary.ClaudeSetupCallbackResource;
import dev.codexauth.provider.boundary.ClaudeSetupResource;
import dev.codexauth.provider.boundary.CodexSetupResource;
import dev.codexauth.provider.boundary.ProviderDebugResource;
import dev.codexauth.provider.boundary.ProviderStatusResource;
import dev.codexauth.sync.boundary.AgentsResource;
import dev.codexauth.sync.boundary.ConfigResource;
import dev.codexauth.sync.boundary.SyncedFilesResource;
import dev.codexauth.sync.boundary.VersionsResource;
import dev.codexauth.sync.boundary.WrapperResource;
import dev.codexauth.usage.boundary.UsageResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The host API at the root of the server: the endpoints the {@code cdx} wrapper, its installer and MCP clients call.
 * Resources live in each feature's {@code boundary} package and are listed here, grouped by feature, so that
 * nothing of the admin API is ever picked up by a scan; the error mapping and JSON settings are the shared ones.
 */
@ApplicationPath("/")
public class HostApi extends Application {

    private static final Set<Class<?>> OWN = Set.of(
            AuthResource.class, SeedResource.class,
            HostUsersResource.class, InstallResource.class,
            CliSignInResource.class, HostEnrollResource.class, LlmTokensResource.class, LoginScriptResource.class,
            ClerkWebhookResource.class, MeResource.class, PillResource.class, SignInPageResource.class, StripeWebhookResource.class,
            TasksResource.class,
            McpResource.class, McpMemoriesResource.class, McpStatusResource.class, McpResponseFilter.class, McpErrorMapper.class,
            ClaudeCredentialResource.class, ClaudeSetupCallbackResource.class, ClaudeSetupResource.class,
            CodexSetupResource.class, ProviderDebugResource.class, ProviderStatusResource.class,
            AgentsResource.class, ConfigResource.class, SyncedFilesResource.class, VersionsResource.class, WrapperResource.class,
            UsageResource.class,
            AccessLogFilter.class, HostPipelineFilter.class, LineFormatNegotiation.class, NoStoreByDefault.class);

    @Override
    public Set<Class<?>> getClasses() {
        return SharedProviders.with(OWN);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
