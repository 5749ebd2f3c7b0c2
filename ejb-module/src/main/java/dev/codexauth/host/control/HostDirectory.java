package dev.codexauth.host.control;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.host.entity.Host;
import dev.codexauth.host.entity.HostActivity;
import dev.codexauth.host.entity.HostUser;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.usage.control.MonthUsage;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads hosts for the admin API: one query for the page and a fixed handful for what the page's hosts need
 * (digests, users, activity, usage, memories), never a query per host. Reads change nothing (the original pruned
 * hosts while listing them).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class HostDirectory {

    private static final Map<String, String> SORTS = Map.of(
            "host", "h.fqdn", "last_seen", "a.lastSeenAt", "client", "h.clientVersion", "wrapper", "h.wrapperVersion", "ip", "h.ip");

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    CanonicalStore canonicalStore;

    /** Filters of the host list; all optional. */
    public record Query(int page, int perPage, String search, String tab, String sort, boolean ascending) {
    }

    public HostListing list(Query query) {
        String where = " WHERE 1 = 1" + tabFilter(query.tab()) + (query.search() == null || query.search().isBlank() ? ""
                : " AND (LOWER(h.fqdn) LIKE :q OR LOWER(h.ip) LIKE :q OR LOWER(h.clientVersion) LIKE :q OR LOWER(h.wrapperVersion) LIKE :q)");
        String from = " FROM Host h LEFT JOIN HostActivity a ON a.hostId = h.id";
        String sort = SORTS.getOrDefault(query.sort() == null ? "last_seen" : query.sort(), "a.lastSeenAt");
        String direction = query.ascending() ? " ASC" : " DESC";
        TypedQuery<Object[]> page = em.createQuery("SELECT h, a" + from + where + " ORDER BY " + sort + direction + ", h.id" + direction,
                Object[].class);
        TypedQuery<Long> total = em.createQuery("SELECT COUNT(h)" + from + where, Long.class);
        if (query.search() != null && !query.search().isBlank()) {
            String like = "%" + query.search().trim().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
            page.setParameter("q", like);
            total.setParameter("q", like);
        }
        List<Object[]> rows = page.setFirstResult((query.page() - 1) * query.perPage()).setMaxResults(query.perPage()).getResultList();
        return new HostListing(items(rows), total.getSingleResult(), query.page(), query.perPage(), counts());
    }

    /** One insecure host as the Insecure hosts list shows it (admin.md §3.3); {@code active} while its window is open. */
    public record InsecureHost(long id, String fqdn, String enabledUntil, boolean active) implements Serializable {
    }

    /** Insecure hosts, those with an open window first, then by fqdn ignoring case; at most {@code limit}, read in order. */
    public List<InsecureHost> insecure(int limit) {
        Instant now = Instant.now();
        return em.createQuery("SELECT h.id, h.fqdn, h.insecureEnabledUntil FROM Host h WHERE h.secure = false"
                        + " ORDER BY CASE WHEN h.insecureEnabledUntil >= :now THEN 0 ELSE 1 END, LOWER(h.fqdn)", Object[].class)
                .setParameter("now", Timestamps.toUtcDateTime(now))
                .setMaxResults(limit)
                .getResultList().stream()
                .map(r -> {
                    Instant until = Timestamps.fromUtcDateTime((LocalDateTime) r[2]);
                    return new InsecureHost((Long) r[0], (String) r[1], Timestamps.format(until), until != null && !until.isBefore(now));
                })
                .toList();
    }

    /** How many hosts are insecure: the console's top bar shows its Insecure hosts button only when some are. */
    public long insecureCount() {
        return em.createQuery("SELECT COUNT(h) FROM Host h WHERE h.secure = false", Long.class).getSingleResult();
    }

    public Optional<HostListing.Item> one(long id) {
        List<Object[]> rows = em.createQuery("SELECT h, a FROM Host h LEFT JOIN HostActivity a ON a.hostId = h.id WHERE h.id = :id",
                Object[].class).setParameter("id", id).getResultList();
        return items(rows).stream().findFirst();
    }

    private static String tabFilter(String tab) {
        if (tab == null || tab.isBlank()) {
            return "";
        }
        return switch (tab) {
            case "secure" -> " AND h.secure = true";
            case "insecure" -> " AND h.secure = false";
            case "unprovisioned" -> " AND h.apiCalls = 0 AND h.authDigest IS NULL AND a.firstSeenAt IS NULL";
            default -> throw dev.codexauth.http.ValidationFailed.of("tab", "tab must be one of: secure, insecure, unprovisioned");
        };
    }

    private Map<String, Long> counts() {
        Object[] row = em.createQuery("SELECT COUNT(h), SUM(CASE WHEN h.secure = true THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN h.secure = false THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN h.apiCalls = 0 AND h.authDigest IS NULL AND a.firstSeenAt IS NULL THEN 1 ELSE 0 END)"
                + " FROM Host h LEFT JOIN HostActivity a ON a.hostId = h.id", Object[].class).getSingleResult();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("all", number(row[0]));
        counts.put("secure", number(row[1]));
        counts.put("insecure", number(row[2]));
        counts.put("unprovisioned", number(row[3]));
        return counts;
    }

    private List<HostListing.Item> items(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Host) r[0]).getId()).toList();
        Map<Long, List<String>> digests = recentDigests(ids);
        Map<Long, List<HostUsers.User>> users = users(ids);
        Map<Long, HostListing.LatestUsage> latest = latestUsage(ids);
        Map<Long, MonthUsage.Totals> month = monthUsage(ids);
        Map<Long, Long> memories = memoryCounts(ids);
        String canonicalDigest;
        try {
            canonicalDigest = canonicalStore.current().map(StoredCanonical::digest).orElse(null);
        } catch (RuntimeException unavailable) {
            canonicalDigest = null;
        }
        List<HostListing.Item> items = new ArrayList<>();
        for (Object[] row : rows) {
            Host h = (Host) row[0];
            HostActivity a = (HostActivity) row[1];
            String hostDigest = h.getAuthDigest();
            items.add(new HostListing.Item(h.getId(), h.getFqdn(), h.getStatus(), h.getLastRefresh(), Timestamps.format(h.getUpdatedAt()),
                    Timestamps.format(h.getCreatedAt()), Timestamps.format(h.getExpiresAt()),
                    a == null ? null : Timestamps.format(a.getLastSeenAt()), h.getClientVersion(), h.getClientVersionOverride(),
                    h.getWrapperVersion(), h.getApiCalls(), h.getIp(), h.isAllowRoamingIps(), h.isSecure(), h.isVip(),
                    Timestamps.format(h.getInsecureEnabledUntil()), Timestamps.format(h.getInsecureGraceUntil()),
                    h.getInsecureWindowMinutes(), h.isForceIpv4(), h.isCurlInsecure(), h.getModelOverride(),
                    h.getReasoningEffortOverride(), hostDigest, digests.getOrDefault(h.getId(), List.of()),
                    hostDigest != null && !hostDigest.isBlank(),
                    canonicalDigest != null && hostDigest != null && !hostDigest.isBlank() && !canonicalDigest.equals(hostDigest),
                    latest.get(h.getId()), month.getOrDefault(h.getId(), new MonthUsage.Totals(0, 0, 0, 0, 0, 0, 0)),
                    memories.getOrDefault(h.getId(), 0L), users.getOrDefault(h.getId(), List.of())));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private Map<Long, List<String>> recentDigests(List<Long> ids) {
        Map<Long, List<String>> byHost = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT host_id, digest FROM host_auth_digests WHERE host_id IN (?1)"
                + " ORDER BY host_id, last_seen DESC, id DESC").setParameter(1, ids).getResultList();
        for (Object[] row : rows) {
            List<String> list = byHost.computeIfAbsent(number(row[0]), k -> new ArrayList<>());
            if (list.size() < 3) {
                list.add((String) row[1]);
            }
        }
        return byHost;
    }

    private Map<Long, List<HostUsers.User>> users(List<Long> ids) {
        return em.createQuery("SELECT u FROM HostUser u WHERE u.hostId IN :ids ORDER BY u.username", HostUser.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.groupingBy(HostUser::getHostId, Collectors.mapping(u -> new HostUsers.User(u.getUsername(),
                        u.getHostname(), Timestamps.format(u.getFirstSeen()), Timestamps.format(u.getLastSeen())), Collectors.toList())));
    }

    @SuppressWarnings("unchecked")
    private Map<Long, HostListing.LatestUsage> latestUsage(List<Long> ids) {
        Map<Long, HostListing.LatestUsage> byHost = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT host_id, ingest_id, total, input_tokens, output_tokens, cached_tokens,"
                + " reasoning_tokens, cost, model, line, created_at FROM token_usages WHERE id IN"
                + " (SELECT MAX(id) FROM token_usages WHERE host_id IN (?1) GROUP BY host_id)").setParameter(1, ids).getResultList();
        for (Object[] r : rows) {
            byHost.put(number(r[0]), new HostListing.LatestUsage(nullable(r[1]), nullable(r[2]), nullable(r[3]), nullable(r[4]),
                    nullable(r[5]), nullable(r[6]), r[7] == null ? null : ((BigDecimal) r[7]).doubleValue(), (String) r[8], (String) r[9],
                    (String) r[10]));
        }
        return byHost;
    }

    @SuppressWarnings("unchecked")
    private Map<Long, MonthUsage.Totals> monthUsage(List<Long> ids) {
        Instant monthStart = Instant.now().atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Long, MonthUsage.Totals> byHost = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT host_id, COALESCE(SUM(total), 0), COALESCE(SUM(input_tokens), 0),"
                + " COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(reasoning_tokens), 0),"
                + " COALESCE(SUM(cost), 0), COUNT(*) FROM token_usages WHERE host_id IN (?1) AND created_at >= ?2 GROUP BY host_id")
                .setParameter(1, ids).setParameter(2, Timestamps.format(monthStart)).getResultList();
        for (Object[] r : rows) {
            byHost.put(number(r[0]), new MonthUsage.Totals(number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                    ((Number) r[6]).doubleValue(), number(r[7])));
        }
        return byHost;
    }

    @SuppressWarnings("unchecked")
    private Map<Long, Long> memoryCounts(List<Long> ids) {
        Map<Long, Long> byHost = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT host_id, COUNT(*) FROM mcp_memories WHERE host_id IN (?1)"
                + " AND deleted_at IS NULL GROUP BY host_id").setParameter(1, ids).getResultList();
        rows.forEach(r -> byHost.put(number(r[0]), number(r[1])));
        return byHost;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long nullable(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
