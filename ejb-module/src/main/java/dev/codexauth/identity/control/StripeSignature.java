package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.security.control.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a {@code Stripe-Signature} header: {@code t=<unix seconds>} and one or more {@code v1=<hex>}, each an
 * HMAC-SHA256 of {@code "<t>.<payload>"} under the endpoint secret. The timestamp must be within
 * {@link #TOLERANCE} of now (either way), and the comparison takes the same time whatever the bytes.
 */
public final class StripeSignature {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private StripeSignature() {
    }

    /** @throws ApiException 400 {@code invalid_signature} with the reason */
    public static void verify(String header, byte[] payload, String secret, Instant now) {
        if (header == null || header.isBlank()) {
            throw invalid("the Stripe-Signature header is missing");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (key.equals("t") && value.matches("[0-9]{1,12}")) {
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1") && value.matches("[0-9a-fA-F]{64}")) {
                signatures.add(HexFormat.of().parseHex(value.toLowerCase()));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw invalid("the Stripe-Signature header needs t= and v1=");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            throw invalid("the signature's timestamp is more than " + TOLERANCE.toSeconds() + " seconds away from now");
        }
        byte[] expected = hmac(secret, timestamp, payload);
        boolean matched = false;
        for (byte[] signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature);
        }
        if (!matched) {
            throw invalid("no v1 signature matches this payload");
        }
    }

    /** The {@code v1} value Stripe would send for this payload at {@code timestamp}. */
    public static String sign(String secret, long timestamp, byte[] payload) {
        return HexFormat.of().formatHex(hmac(secret, timestamp, payload));
    }

    private static byte[] hmac(String secret, long timestamp, byte[] payload) {
        return Hashes.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), timestamp + ".", payload);
    }

    private static ApiException invalid(String reason) {
        return new ApiException(400, "invalid_signature", "The webhook was refused: " + reason);
    }
}
