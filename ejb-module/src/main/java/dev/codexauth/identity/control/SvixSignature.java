package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.security.control.Hashes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks the signature Clerk's webhooks carry (sent through Svix, the Standard Webhooks scheme): {@code svix-id},
 * {@code svix-timestamp} (unix seconds) and {@code svix-signature}, a space-separated list of {@code v1,<base64>}, each
 * an HMAC-SHA256 of {@code "<id>.<timestamp>.<payload>"} under the key the {@code whsec_} secret encodes in base64.
 * Several signatures are there while a secret is being rotated: one match is enough. The timestamp must be within
 * {@link #TOLERANCE} of now, so a captured delivery cannot be sent again later. A small scheme of the JDK's HMAC, as
 * for Stripe's: Svix's Java library would bring an HTTP client and Kotlin's runtime for these lines.
 */
public final class SvixSignature {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String SECRET_PREFIX = "whsec_";

    private SvixSignature() {
    }

    /** @throws ApiException 400 {@code invalid_signature} with the reason */
    public static void verify(String id, String timestamp, String signatures, byte[] payload, String secret, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null || signatures.isBlank()) {
            throw invalid("the svix-id, svix-timestamp and svix-signature headers are required");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            throw invalid("svix-timestamp is not a time in unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE.toSeconds()) {
            throw invalid("the signature's timestamp is more than " + TOLERANCE.toSeconds() + " seconds away from now");
        }
        byte[] expected = hmac(key(secret), id, timestamp, payload);
        boolean matched = false;
        for (String signature : signatures.trim().split(" +")) {
            if (signature.startsWith("v1,")) {
                matched |= MessageDigest.isEqual(expected, decode(signature.substring(3)));
            }
        }
        if (!matched) {
            throw invalid("no v1 signature matches this payload");
        }
    }

    /** The {@code svix-signature} value Svix would send for this payload under {@code secret}. */
    public static String sign(String secret, String id, long timestamp, byte[] payload) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), id, Long.toString(timestamp), payload));
    }

    /** The HMAC key: the base64 after {@code whsec_} (the prefix is optional, as Svix's libraries accept). */
    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            throw new ApiException(503, "clerk_webhook_not_configured",
                    "CLERK_WEBHOOK_SECRET is not a Clerk signing secret (whsec_ and base64); webhooks cannot be verified");
        }
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    private static byte[] hmac(byte[] key, String id, String timestamp, byte[] payload) {
        return Hashes.hmacSha256(key, id + "." + timestamp + ".", payload);
    }

    private static ApiException invalid(String reason) {
        return new ApiException(400, "invalid_signature", "The webhook was refused: " + reason);
    }
}
