package dev.codexauth.host.control;

import dev.codexauth.usage.control.MonthUsage;
import java.util.List;
import java.util.Map;

/** The admin host list (admin.md §2.3 GET /admin/hosts): one page of hosts, the total and the tab counts. */
public record HostListing(List<Item> hosts, long total, int page, int perPage, Map<String, Long> counts) {

    /** The latest usage report of a host. */
    public record LatestUsage(Long ingestId, Long total, Long input, Long output, Long cached, Long reasoning, Double cost,
                              String model, String line, String createdAt) {
    }

    /** One host as the admin sees it: every column but the key material, plus derived sync state and usage. */
    public record Item(long id, String fqdn, String status, String lastRefresh, String updatedAt, String createdAt,
                       String expiresAt, String lastSeenAt, String clientVersion, String clientVersionOverride,
                       String wrapperVersion, long apiCalls, String ip, boolean allowRoamingIps, boolean secure, boolean vip,
                       String insecureEnabledUntil, String insecureGraceUntil, Integer insecureWindowMinutes, boolean forceIpv4,
                       boolean curlInsecure, String modelOverride, String reasoningEffortOverride, String canonicalDigest,
                       List<String> recentDigests, boolean authed, boolean authOutdated, LatestUsage tokenUsage,
                       MonthUsage.Totals tokenUsageMonth, long memoryCount, List<HostUsers.User> users) {
    }
}
