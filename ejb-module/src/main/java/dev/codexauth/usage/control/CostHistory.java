package dev.codexauth.usage.control;

import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin/usage/cost-history} (sync.md §9.2): tokens per UTC day, zero-filled from the later of
 * {@code today − days} and the first usage through today, priced with today's {@code gpt-5.1} prices (not the
 * stored per-row costs), so the curve shows usage, not price changes.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CostHistory {

    public record Tokens(long input, long output, long cached, long total) {
    }

    public record Costs(BigDecimal input, BigDecimal output, BigDecimal cached, BigDecimal total) {
    }

    public record Point(String date, Tokens tokens, Costs costs) {
    }

    public record History(int days, String since, String until, String currency, PriceView pricing, boolean hasPricing,
                          List<Point> points) {
    }

    /** Token sums of one day. */
    record DayTokens(long input, long output, long cached) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    PriceList priceList;

    @SuppressWarnings("unchecked")
    public History of(int days, Instant now) {
        Prices prices = priceList.defaultPrices();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<LocalDate> firstUsage = Optional.ofNullable((String) em.createNativeQuery("SELECT MIN(created_at) FROM token_usages")
                .getSingleResult()).flatMap(Timestamps::parse).map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC));
        Map<LocalDate, DayTokens> byDay = new HashMap<>();
        if (firstUsage.isPresent()) {
            LocalDate from = start(today, days, firstUsage.get());
            List<Object[]> rows = em.createNativeQuery("SELECT LEFT(created_at, 10) AS day, COALESCE(SUM(input_tokens), 0),"
                    + " COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0) FROM token_usages WHERE created_at >= ?1"
                    + " GROUP BY day").setParameter(1, from.toString()).getResultList();
            for (Object[] row : rows) {
                try {
                    byDay.put(LocalDate.parse((String) row[0]), new DayTokens(((Number) row[1]).longValue(),
                            ((Number) row[2]).longValue(), ((Number) row[3]).longValue()));
                } catch (java.time.format.DateTimeParseException unreadable) {
                    // a legacy timestamp that does not start with a date cannot be placed on a day
                }
            }
        }
        List<Point> points = points(today, days, firstUsage.orElse(null), byDay, prices);
        return new History(days, points.isEmpty() ? null : points.get(0).date(), today.toString(), prices.currency(),
                PriceView.of(prices), prices.priced(), points);
    }

    /** One point per day from the start through today; none when there was never any usage. */
    static List<Point> points(LocalDate today, int days, LocalDate firstUsage, Map<LocalDate, DayTokens> byDay, Prices prices) {
        List<Point> points = new ArrayList<>();
        if (firstUsage == null) {
            return points;
        }
        for (LocalDate day = start(today, days, firstUsage); !day.isAfter(today); day = day.plusDays(1)) {
            DayTokens tokens = byDay.getOrDefault(day, new DayTokens(0, 0, 0));
            BigDecimal input = priced(tokens.input(), prices.inputPer1k(), prices);
            BigDecimal output = priced(tokens.output(), prices.outputPer1k(), prices);
            BigDecimal cached = priced(tokens.cached(), prices.cachedPer1k(), prices);
            points.add(new Point(day.toString(), new Tokens(tokens.input(), tokens.output(), tokens.cached(),
                    tokens.input() + tokens.output() + tokens.cached()),
                    new Costs(input, output, cached, input.add(output).add(cached))));
        }
        return points;
    }

    private static LocalDate start(LocalDate today, int days, LocalDate firstUsage) {
        LocalDate windowStart = today.minusDays(days);
        return firstUsage.isAfter(windowStart) ? firstUsage : windowStart;
    }

    private static BigDecimal priced(long tokens, BigDecimal pricePer1k, Prices prices) {
        if (!prices.priced()) {
            return BigDecimal.ZERO.setScale(Prices.COST_SCALE);
        }
        return BigDecimal.valueOf(tokens).multiply(pricePer1k).movePointLeft(3).setScale(Prices.COST_SCALE, RoundingMode.HALF_UP);
    }
}
