package dev.codexauth.host.control;

/**
 * What a host request presents: the key ({@code X-API-Key}, else {@code Authorization: Bearer}), the client IP the
 * pipeline resolved, the runner's own credential if any, and whether a new IP may re-bind the key
 * ({@code DELETE /auth?force}). Services authenticate it inside their transaction, so authentication and the work
 * it guards commit or roll back together.
 */
public record HostCredentials(String key, String clientIp, String runnerToken, boolean forceRebind) {

    public HostCredentials withForcedRebind(boolean force) {
        return new HostCredentials(key, clientIp, runnerToken, force);
    }
}
