package dev.codexauth.mcp.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.InsecureWindow;
import dev.codexauth.host.entity.Host;
import dev.codexauth.identity.control.Scopes;
import dev.codexauth.identity.control.TokenAuthenticator;
import dev.codexauth.identity.control.TokenCaller;
import dev.codexauth.mcp.entity.McpSession;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Turns the credentials of an MCP request ({@code /mcp} and {@code /mcp/memories/*}) into a caller. A host key gets
 * the host policy of every host route (key, status, IP binding, insecure window) in its own transaction; like
 * {@code /auth}, an accepted call slides an insecure host's window. A person's {@code xwllm_} token gets the checks
 * of every person route (live token, live entitlement of its workspace) and must carry scope {@code mcp}.
 */
@Stateless
public class McpAuthentication {

    @EJB
    HostAuthenticator authenticator;

    @EJB
    InsecureWindow insecureWindow;

    @EJB
    McpSessions sessions;

    @Inject
    TokenAuthenticator tokens;

    /** The caller, and its live session with the presented id (null when none was presented or it is not the caller's). */
    public record Authenticated(McpCaller caller, McpSession session) {
    }

    /** @throws dev.codexauth.http.ApiException when the caller is refused */
    public McpCaller authenticate(HostCredentials credentials) {
        if (TokenAuthenticator.looksLikeToken(credentials.key())) {
            TokenCaller person = tokens.authenticate(credentials.key(), credentials.clientIp());
            person.require(Scopes.MCP);
            return new PersonCaller(person.tokenId(), person.workspaceId(), person.workspaceSlug());
        }
        Host host = authenticator.authenticate(credentials, false);
        insecureWindow.enterAndSlide(host, "mcp");
        return new HostCaller(host.getId(), host.getFqdn());
    }

    /** Authentication and the session lookup of one MCP request, in one transaction. */
    public Authenticated authenticate(HostCredentials credentials, String sessionId) {
        McpCaller caller = authenticate(credentials);
        return new Authenticated(caller, sessionId == null || sessionId.isEmpty() ? null : sessions.find(sessionId, caller).orElse(null));
    }
}
