package dev.codexauth.identity.control;

import dev.codexauth.ops.control.Timestamps;
import java.time.LocalDateTime;

/** Values of native query rows, whichever Java type the driver and Hibernate chose for them. */
final class Columns {

    private Columns() {
    }

    /** A {@code DATETIME} column (UTC wall time), or null. */
    static LocalDateTime utc(Object value) {
        return Timestamps.utcColumn(value);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
