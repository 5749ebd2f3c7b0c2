package dev.codexauth.auth.control;

import dev.codexauth.host.control.HostBlock;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.security.control.IpAddresses;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.usage.control.ChatgptUsageSummary;
import dev.codexauth.usage.control.MonthUsage;
import java.time.Instant;
import java.util.Objects;

/**
 * One host's state as {@link AuthSync#steadyHost} read it, with the parts of a retrieve answer that do not change
 * between its calls. It answers only requests that the full path would answer {@code valid} without writing
 * anything: see {@link #serves}.
 *
 * @param host a detached copy of the row, never changed
 * @param origin how the request that prepared it reached the server (the baked wrapper sha depends on it)
 * @param writesDueAt when the full path would next refresh the host's sync state or activity row; {@link Instant#EPOCH}
 *                    when the host is not settled (not active, not secure, temporary, unbound, or not in sync)
 */
public record SteadyHost(Host host, StoredCanonical canonical, HostBlock block, RequestOrigin origin, Instant writesDueAt,
                         String installationId, VersionsBlock versions, FleetSettings fleet, MonthUsage.Totals month,
                         ChatgptUsageSummary chatgpt) {

    /** A retrieve of the canonical digest, from the bound IP, reporting the versions already stored. */
    boolean serves(AuthRequest request, String clientIp, RequestOrigin requestOrigin, Instant now) {
        return !request.store() && now.isBefore(writesDueAt) && canonical.digest().equals(request.digest())
                && unchanged(request.clientVersion(), host.getClientVersion())
                && unchanged(request.wrapperVersion(), host.getWrapperVersion())
                && IpAddresses.same(host.getIp(), clientIp)
                && origin.equals(requestOrigin);
    }

    AuthAnswer answer(long apiCalls, LocalAuthFile localFile) {
        return AuthAnswer.of(AuthOutcome.of("valid", canonical), block.withApiCalls(apiCalls), localFile, versions, fleet, month, chatgpt);
    }

    private static boolean unchanged(String reported, String stored) {
        return reported == null || Objects.equals(reported, stored);
    }
}
