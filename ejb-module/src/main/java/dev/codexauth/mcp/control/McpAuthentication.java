package dev.codexauth.mcp.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.InsecureWindow;
import dev.codexauth.host.entity.Host;
import dev.codexauth.mcp.entity.McpSession;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * Turns the credentials of an MCP request ({@code /mcp} and {@code /mcp/memories/*}) into a caller, applying the
 * host policy of every host route (key, status, IP binding, insecure window) in its own transaction; like
 * {@code /auth}, an accepted call slides an insecure host's window. This is where a person's {@code xwllm_} token
 * with scope {@code mcp} will be recognised.
 */
@Stateless
public class McpAuthentication {

    @EJB
    HostAuthenticator authenticator;

    @EJB
    InsecureWindow insecureWindow;

    @EJB
    McpSessions sessions;

    /** The caller, and its live session with the presented id (null when none was presented or it is not the caller's). */
    public record Authenticated(McpCaller caller, McpSession session) {
    }

    /** @throws dev.codexauth.host.control.HostDenied when the caller is refused */
    public McpCaller authenticate(HostCredentials credentials) {
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
