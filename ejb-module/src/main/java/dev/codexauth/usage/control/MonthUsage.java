package dev.codexauth.usage.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import dev.codexauth.ops.control.Timestamps;

/**
 * A host's token usage in the current UTC calendar month, as {@code /auth} reports it ({@code token_usage_month}).
 * Kept per host for {@link #CACHE} and dropped on this node when the host reports usage; another node may show a
 * total up to that age, which is fine for a display value.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MonthUsage {

    static final Duration CACHE = Duration.ofSeconds(30);

    private record Cached(Totals totals, Instant at) {
    }

    private final ConcurrentHashMap<Long, Cached> cache = new ConcurrentHashMap<>();

    public record Totals(long total, long input, long output, long cached, long reasoning, double cost, long events) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    public Totals forHost(long hostId) {
        Instant now = Instant.now();
        Cached cached = cache.get(hostId);
        if (cached != null && cached.at().plus(CACHE).isAfter(now)
                && cached.at().atZone(ZoneOffset.UTC).getMonth() == now.atZone(ZoneOffset.UTC).getMonth()) {
            return cached.totals();
        }
        Totals totals = query(hostId);
        cache.put(hostId, new Cached(totals, now));
        return totals;
    }

    /** Forgets a host's cached total (it just reported usage). */
    public void invalidate(long hostId) {
        cache.remove(hostId);
    }

    private Totals query(long hostId) {
        ZonedDateTime monthStart = Instant.now().atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT COALESCE(SUM(total), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),
                       COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), COALESCE(SUM(cost), 0), COUNT(*)
                  FROM token_usages WHERE host_id = ?1 AND created_at >= ?2""")
                .setParameter(1, hostId).setParameter(2, Timestamps.format(monthStart.toInstant())).getSingleResult();
        return new Totals(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                row[5] instanceof BigDecimal cost ? cost.doubleValue() : ((Number) row[5]).doubleValue(), number(row[6]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
