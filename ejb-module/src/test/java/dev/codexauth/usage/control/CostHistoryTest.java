package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostHistoryTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    private static final Prices GPT51 = new Prices("gpt-5.1", "USD", new BigDecimal("0.00125"), new BigDecimal("0.01"),
            new BigDecimal("0.000125"), "env", null, null);

    @Test
    void oneZeroFilledPointPerDayFromTheFirstUsageThroughToday() {
        List<CostHistory.Point> points = CostHistory.points(TODAY, 60, TODAY.minusDays(2),
                Map.of(TODAY.minusDays(2), new CostHistory.DayTokens(2000, 300, 400)), GPT51);

        assertThat(points).extracting(CostHistory.Point::date).containsExactly("2026-11-21", "2026-11-22", "2026-11-23");
        CostHistory.Point first = points.get(0);
        assertThat(first.tokens()).isEqualTo(new CostHistory.Tokens(2000, 300, 400, 2700));
        // 2 × 0.00125 = 0.0025; 0.3 × 0.01 = 0.003; 0.4 × 0.000125 = 0.00005
        assertThat(first.costs().input()).isEqualByComparingTo("0.0025");
        assertThat(first.costs().output()).isEqualByComparingTo("0.003");
        assertThat(first.costs().cached()).isEqualByComparingTo("0.00005");
        assertThat(first.costs().total()).isEqualByComparingTo("0.00555");
        assertThat(points.get(1).tokens().total()).isZero();
        assertThat(points.get(1).costs().total()).isEqualByComparingTo("0");
    }

    @Test
    void theWindowStartsAtTodayMinusDaysWhenUsageIsOlder() {
        List<CostHistory.Point> points = CostHistory.points(TODAY, 7, TODAY.minusDays(400), Map.of(), GPT51);

        assertThat(points).hasSize(8);
        assertThat(points.get(0).date()).isEqualTo("2026-11-16");
    }

    @Test
    void noUsageMeansNoPointsAndNoPriceMeansZeroCosts() {
        assertThat(CostHistory.points(TODAY, 60, null, Map.of(), GPT51)).isEmpty();
        Prices free = new Prices("gpt-5.1", "USD", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "env", null, null);
        assertThat(CostHistory.points(TODAY, 1, TODAY, Map.of(TODAY, new CostHistory.DayTokens(5000, 5000, 5000)), free).get(0)
                .costs().total()).isEqualByComparingTo("0");
    }
}
