package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Timestamps;

/**
 * The {@code host} object of {@code /auth} answers (host-api.md §4.1): no id, IP or TLS flag. The two window
 * fields are {@code YYYY-MM-DD HH:MM:SS} UTC like the original's DATETIME columns; every other time is RFC 3339.
 */
public record HostBlock(String fqdn, String status, String lastRefresh, String updatedAt, String expiresAt,
                        String clientVersion, String clientVersionOverride, String wrapperVersion, long apiCalls,
                        boolean allowRoamingIps, boolean secure, boolean vip, String insecureEnabledUntil,
                        String insecureGraceUntil, Integer insecureWindowMinutes, boolean forceIpv4, String modelOverride,
                        String reasoningEffortOverride) {

    public static HostBlock of(Host host) {
        return of(host, host.getApiCalls());
    }

    /** With the call count the host was just told, which may be ahead of the stored one. */
    public static HostBlock of(Host host, long apiCalls) {
        return new HostBlock(host.getFqdn(), host.getStatus(), host.getLastRefresh(), Timestamps.format(host.getUpdatedAt()),
                Timestamps.format(host.getExpiresAt()), host.getClientVersion(), host.getClientVersionOverride(),
                host.getWrapperVersion(), apiCalls, host.isAllowRoamingIps(), host.isSecure(), host.isVip(),
                Timestamps.format(host.getInsecureEnabledUntil()), Timestamps.format(host.getInsecureGraceUntil()),
                host.getInsecureWindowMinutes(), host.isForceIpv4(), host.getModelOverride(), host.getReasoningEffortOverride());
    }

    public HostBlock withApiCalls(long count) {
        return new HostBlock(fqdn, status, lastRefresh, updatedAt, expiresAt, clientVersion, clientVersionOverride, wrapperVersion,
                count, allowRoamingIps, secure, vip, insecureEnabledUntil, insecureGraceUntil, insecureWindowMinutes, forceIpv4,
                modelOverride, reasoningEffortOverride);
    }
}
