package dev.codexauth.auth.control;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Rejects tokens that cannot be real credentials (host-api.md §5.9), in the original's order and wording. */
final class TokenQuality {

    private static final Set<String> PLACEHOLDERS = Set.of("token", "newer-token", "placeholder", "changeme", "dummy", "test",
            "example", "example-token");

    private TokenQuality() {
    }

    /** @return the reason the token is refused, or empty when it may be stored */
    static Optional<String> problem(String token, int minLength) {
        if (token.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("token may not contain whitespace or newlines");
        }
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        int min = Math.max(8, minLength);
        if (bytes.length < min) {
            return Optional.of("token too short (min " + min + " characters)");
        }
        if (PLACEHOLDERS.contains(token.toLowerCase(Locale.ROOT))) {
            return Optional.of("token appears to be a placeholder value");
        }
        if (token.chars().distinct().count() == 1) {
            return Optional.of("token is not high-entropy (single repeated character)");
        }
        long distinctBytes = new String(bytes, StandardCharsets.ISO_8859_1).chars().distinct().count();
        if (distinctBytes < 6) {
            return Optional.of("token entropy too low (too few unique characters)");
        }
        return Optional.empty();
    }
}
