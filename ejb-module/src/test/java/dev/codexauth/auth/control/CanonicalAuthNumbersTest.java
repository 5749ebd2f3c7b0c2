package dev.codexauth.auth.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A stored auth.json is read back by every node and after every restart: an upload whose canonical bytes would not
 * parse again would leave the whole fleet without a credential.
 */
class CanonicalAuthNumbersTest {

    private static final String ENTRY = "\"auths\":{\"api.openai.com\":{\"token\":\"sk-abcdefghijklmnopqrstuvwxyz0123456789\"}}";

    @Test
    void aFloatBeyondADoublesRangeIsRefusedWhereverItIs() {
        for (String member : new String[] {"\"x\":1e400", "\"x\":-1e400", "\"x\":{\"deep\":[1, 2.5E+999]}"}) {
            JsonObject upload = document("{\"last_refresh\":\"2026-12-07T10:00:00Z\"," + member + "," + ENTRY + "}");
            assertThatThrownBy(() -> CanonicalAuth.canonicalize(upload, 20, "auth")).as(member)
                    .isInstanceOfSatisfying(ValidationFailed.class, refused -> assertThat(refused.errors()).containsKey("auth"));
        }
    }

    @Test
    void everyAcceptedNumberReadsBackFromTheCanonicalBytes() {
        JsonObject upload = document("{\"last_refresh\":\"2026-12-07T10:00:00Z\",\"x\":[1.7976931348623157e308,1e-400,"
                + "123456789012345678901234567890,-0.0]," + ENTRY + "}");
        byte[] bytes = CanonicalAuth.canonicalize(upload, 20, "auth").bytes();
        JsonObject stored = Json.createReader(new ByteArrayInputStream(bytes)).readObject();
        assertThat(stored.getJsonArray("x")).hasSize(4);
    }

    private static JsonObject document(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
