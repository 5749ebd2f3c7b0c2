package dev.codexauth.identity.control;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Stripe-Signature header as Stripe documents it: t and v1, HMAC-SHA256 over "t.payload", 300 s tolerance. */
class StripeSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final byte[] PAYLOAD = "{\"id\":\"evt_1\",\"type\":\"customer.subscription.updated\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);

    @Test
    void aGoodSignatureWithinToleranceIsAccepted() {
        long t = NOW.getEpochSecond() - 299;
        assertThatCode(() -> StripeSignature.verify("t=" + t + ",v1=" + StripeSignature.sign(SECRET, t, PAYLOAD), PAYLOAD, SECRET, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        long t = NOW.getEpochSecond();
        String header = "t=" + t + ",v1=" + "00".repeat(32) + ",v0=abc,v1=" + StripeSignature.sign(SECRET, t, PAYLOAD);
        assertThatCode(() -> StripeSignature.verify(header, PAYLOAD, SECRET, NOW)).doesNotThrowAnyException();
    }

    @Test
    void aWrongSecretOrChangedPayloadIsRefused() {
        long t = NOW.getEpochSecond();
        refused("t=" + t + ",v1=" + StripeSignature.sign("whsec_other", t, PAYLOAD));
        byte[] changed = "{\"id\":\"evt_1\",\"type\":\"customer.subscription.deleted\"}".getBytes(StandardCharsets.UTF_8);
        refused("t=" + t + ",v1=" + StripeSignature.sign(SECRET, t, changed));
    }

    @Test
    void staleOrFutureTimestampsAreRefused() {
        long stale = NOW.getEpochSecond() - 301;
        refused("t=" + stale + ",v1=" + StripeSignature.sign(SECRET, stale, PAYLOAD));
        long future = NOW.getEpochSecond() + 301;
        refused("t=" + future + ",v1=" + StripeSignature.sign(SECRET, future, PAYLOAD));
    }

    @Test
    void malformedHeadersAreRefusedNotCrashed() {
        refused(null);
        refused("");
        refused("t=abc,v1=zz");
        refused("t=99999999999999999999999,v1=" + "00".repeat(32));
        refused("v1=" + StripeSignature.sign(SECRET, NOW.getEpochSecond(), PAYLOAD));
        refused("t=" + NOW.getEpochSecond());
    }

    private static void refused(String header) {
        assertThatThrownBy(() -> StripeSignature.verify(header, PAYLOAD, SECRET, NOW)).isInstanceOf(ApiException.class)
                .hasMessageContaining("refused");
    }
}
