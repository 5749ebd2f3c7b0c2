package dev.codexauth.ops.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one timestamp format this server writes ({@code 2025-11-23T10:54:00+00:00}, UTC, whole seconds) and a
 * reader for every form the original left in its text columns ({@code Z} or offset suffixes, fractions down to
 * nanoseconds, {@code DATETIME} text with a space).
 */
public final class Timestamps {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'");

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : WRITE.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /**
     * A {@code DATETIME} column value (UTC, no zone) in the one format every answer uses; the original showed these
     * without a zone ({@code YYYY-MM-DD HH:MM:SS}), which clients had to guess was UTC.
     */
    public static String format(LocalDateTime utc) {
        return format(fromUtcDateTime(utc));
    }

    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    public static LocalDateTime toUtcDateTime(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    }

    /** A {@code DATETIME} column (UTC wall time) as a native query returns it, whichever type the driver chose; null stays null. */
    public static LocalDateTime utcColumn(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return value instanceof LocalDateTime local ? local : null;
    }

    public static Instant fromUtcDateTime(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
