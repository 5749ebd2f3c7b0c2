package dev.codexauth.auth.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code last_refresh} values: read strictly as RFC 3339 on input (the original accepted "tomorrow"), bounded to
 * 2000-01-01 … now + 300 s, stored verbatim, and ordered at microsecond precision (Codex writes nanoseconds).
 */
final class LastRefresh {

    static final Instant OLDEST = Instant.ofEpochSecond(946684800L);
    static final long FUTURE_TOLERANCE_SECONDS = 300;
    /** Stored in VARCHAR(100) columns; no RFC 3339 timestamp is longer. */
    static final int MAX_CHARS = 100;

    private LastRefresh() {
    }

    static Optional<Instant> parse(String value) {
        if (value == null || value.length() > MAX_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return the reason the value is refused, or empty */
    static Optional<String> problem(String value) {
        Optional<Instant> instant = parse(value);
        if (instant.isEmpty()) {
            return Optional.of("must be an RFC3339 timestamp");
        }
        if (instant.get().isBefore(OLDEST)) {
            return Optional.of("timestamp is implausibly old");
        }
        if (instant.get().isAfter(Instant.now().plusSeconds(FUTURE_TOLERANCE_SECONDS))) {
            return Optional.of("timestamp is in the future");
        }
        return Optional.empty();
    }

    /** Orders two values as instants to the microsecond; falls back to byte order if either is unreadable. */
    static int compare(String a, String b) {
        Optional<Instant> left = parse(a);
        Optional<Instant> right = parse(b);
        if (left.isPresent() && right.isPresent()) {
            return left.get().truncatedTo(ChronoUnit.MICROS).compareTo(right.get().truncatedTo(ChronoUnit.MICROS));
        }
        return a.compareTo(b);
    }
}
