package dev.codexauth.usage.control;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as the APIs write them: exact decimals with the columns' six places, which JSON shows as plain numbers
 * ({@code 0.000125}); a double would come out as {@code 1.25E-4}.
 */
final class Money {

    private Money() {
    }

    /** A cost or sum of costs read from the database (DECIMAL, or a driver's number type for SUM). */
    static BigDecimal cost(Object value) {
        BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        return decimal.setScale(Prices.COST_SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal price(BigDecimal value) {
        return value.setScale(Prices.COST_SCALE, RoundingMode.HALF_UP);
    }
}
