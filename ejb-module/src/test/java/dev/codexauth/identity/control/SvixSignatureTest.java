package dev.codexauth.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Clerk's webhook signature as Svix documents it: HMAC-SHA256 of "id.timestamp.payload", base64, 300 s tolerance. */
class SvixSignatureTest {

    // The example Svix's documentation and libraries verify against.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SENT = 1_614_265_330L;
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void svixsPublishedExampleVerifies() {
        assertThat(SvixSignature.sign(SECRET, ID, SENT, PAYLOAD)).isEqualTo(SIGNATURE);
        assertThatCode(() -> verify(Long.toString(SENT), SIGNATURE, Instant.ofEpochSecond(SENT + 299))).doesNotThrowAnyException();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String rotating = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,xyz " + SIGNATURE;
        assertThatCode(() -> verify(Long.toString(SENT), rotating, Instant.ofEpochSecond(SENT))).doesNotThrowAnyException();
    }

    @Test
    void anotherIdPayloadOrSecretIsRefused() {
        Instant now = Instant.ofEpochSecond(SENT);
        refused(() -> SvixSignature.verify("msg_other", Long.toString(SENT), SIGNATURE, PAYLOAD, SECRET, now));
        refused(() -> SvixSignature.verify(ID, Long.toString(SENT), SIGNATURE, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                SECRET, now));
        refused(() -> verify(Long.toString(SENT), SvixSignature.sign("whsec_b3RoZXI=", ID, SENT, PAYLOAD), now));
    }

    @Test
    void aDeliveryCapturedEarlierOrDatedAheadIsRefused() {
        refused(() -> verify(Long.toString(SENT), SIGNATURE, Instant.ofEpochSecond(SENT + 301)));
        refused(() -> verify(Long.toString(SENT), SIGNATURE, Instant.ofEpochSecond(SENT - 301)));
    }

    @Test
    void malformedHeadersAreRefusedNotCrashed() {
        Instant now = Instant.ofEpochSecond(SENT);
        refused(() -> SvixSignature.verify(null, Long.toString(SENT), SIGNATURE, PAYLOAD, SECRET, now));
        refused(() -> verify(null, SIGNATURE, now));
        refused(() -> verify("1614265330.5", SIGNATURE, now));
        refused(() -> verify("99999999999999999999", SIGNATURE, now));
        refused(() -> verify(Long.toString(SENT), "", now));
        refused(() -> verify(Long.toString(SENT), "v1,not base64!", now));
        refused(() -> verify(Long.toString(SENT), "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", now));
    }

    private static void verify(String timestamp, String signatures, Instant now) {
        SvixSignature.verify(ID, timestamp, signatures, PAYLOAD, SECRET, now);
    }

    private static void refused(Runnable check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_signature");
        });
    }
}
