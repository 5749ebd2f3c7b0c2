package dev.codexauth.mcp.control;

import dev.codexauth.host.control.HostActivityTracker;
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

    @EJB
    HostActivityTracker activity;

    @Inject
    TokenAuthenticator tokens;

    /**
     * The caller, and its live session with the presented id (null when none was presented or it is not the caller's);
     * {@code settled} when the caller is a host that {@link SteadyMcpCallers} may answer for until its next write.
     */
    public record Authenticated(McpCaller caller, McpSession session, SteadyMcpCallers.Settled settled) {
    }

    /** @throws dev.codexauth.http.ApiException when the caller is refused */
    public McpCaller authenticate(HostCredentials credentials) {
        return TokenAuthenticator.looksLikeToken(credentials.key()) ? person(credentials) : new HostCaller(host(credentials));
    }

    /** Authentication and the session lookup of one MCP request, in one transaction. */
    public Authenticated authenticate(HostCredentials credentials, String sessionId) {
        if (TokenAuthenticator.looksLikeToken(credentials.key())) {
            McpCaller person = person(credentials);
            return new Authenticated(person, session(sessionId, person), null);
        }
        Host host = host(credentials);
        HostCaller caller = new HostCaller(host);
        return new Authenticated(caller, session(sessionId, caller),
                host.isSettled() ? new SteadyMcpCallers.Settled(caller, host.getIp(), activity.rewriteDueAt(host.getId())) : null);
    }

    private McpCaller person(HostCredentials credentials) {
        TokenCaller person = tokens.authenticate(credentials.key(), credentials.clientIp());
        person.require(Scopes.MCP);
        return new PersonCaller(person.tokenId(), person.workspaceId(), person.workspaceSlug());
    }

    private Host host(HostCredentials credentials) {
        Host host = authenticator.authenticate(credentials, false);
        insecureWindow.enterAndSlide(host, "mcp");
        return host;
    }

    private McpSession session(String sessionId, McpCaller caller) {
        return sessionId == null || sessionId.isEmpty() ? null : sessions.find(sessionId, caller).orElse(null);
    }
}
