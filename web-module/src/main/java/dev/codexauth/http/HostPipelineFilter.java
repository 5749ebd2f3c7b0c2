package dev.codexauth.http;

import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.security.control.ClientAddress;
import dev.codexauth.security.control.RateLimiter;
import dev.codexauth.security.control.RateLimits;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The order every host request goes through before routing (host-api.md §2): the client IP is resolved (peer, or
 * forwarded headers from a trusted proxy only), the kill switch answers 503 and the global per-IP limit applies
 * (429 with Retry-After). The body is not read here: routes parse it (within {@link JsonLimits}) only after they
 * authenticated the caller, so a refused caller's body is never read.
 */
@Provider
@PreMatching
@Priority(100)
@ApplicationScoped
public class HostPipelineFilter implements ContainerRequestFilter {

    /**
     * What the fleet's kill switch does not stop: it stops hosts, not people managing their tokens (the person API,
     * billing webhooks, CLI sign-in) nor admins obtaining the fleet's credentials (seed 002's bootstrap routes).
     */
    private static final List<String> NOT_STOPPED_BY_KILL_SWITCH = List.of("api/v1/", "xo-auth/", "claude/setup-token", "codex/setup",
            "debug/ai-auth");

    @Inject
    HostRequest request;

    @EJB
    SettingsStore settings;

    @Inject
    ClientAddress clientAddress;

    @Inject
    RateLimits rateLimits;

    @Inject
    @ConfigProperty(name = "http.max.body.bytes", defaultValue = "4194304")
    int maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext context) {
        request.startedNanos(System.nanoTime());
        String peer = (String) context.getProperty(RequestGate.PEER_ADDRESS);
        boolean viaProxy = clientAddress.isTrustedProxy(peer);
        String ip = clientAddress.resolve(peer, context.getHeaderString("X-Forwarded-For"), context.getHeaderString("X-Real-IP"))
                .orElseThrow(() -> new ApiException(400, "client_address_unknown", "Client address could not be determined"));
        request.clientIp(ip);
        request.credentials(new HostCredentials(presentedKey(context), ip, context.getHeaderString("X-Runner-Token"), false));
        request.origin(new RequestOrigin((String) context.getProperty(RequestGate.SCHEME), context.getHeaderString("Host"),
                viaProxy ? context.getHeaderString("X-Forwarded-Host") : null,
                viaProxy ? context.getHeaderString("X-Forwarded-Proto") : null));
        request.body(RequestBody.streaming(context.getEntityStream(), JsonLimits.forBodiesUpTo(maxBodyBytes)));
        String path = context.getUriInfo().getPath();
        if (settings.current().apiDisabled() && NOT_STOPPED_BY_KILL_SWITCH.stream().noneMatch(path::startsWith)) {
            throw new ApiDisabled();
        }
        if (rateLimits.globalEnabled()) {
            RateLimiter.Outcome outcome = rateLimits.hitGlobal(ip);
            if (outcome.blocked()) {
                throw new GlobalRateLimited(outcome);
            }
        }
    }

    /** {@code X-API-Key} when not empty, else the rest of an {@code Authorization} starting with exactly {@code Bearer }. */
    private static String presentedKey(ContainerRequestContext context) {
        String key = context.getHeaderString("X-API-Key");
        if (key != null && !key.isEmpty()) {
            return key;
        }
        String authorization = context.getHeaderString("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : null;
    }

}
