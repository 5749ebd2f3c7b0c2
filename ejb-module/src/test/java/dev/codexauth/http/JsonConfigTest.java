package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonConfigTest {

    record Sample(String canonicalDigest, int apiCalls, boolean vip, String wrapperSha256) {
    }

    @Test
    void recordsBecomeSnakeCaseObjectsWithNullsKept() {
        String json = JsonConfig.jsonb().toJson(Envelope.ok(new Sample(null, 3, true, "ab")));

        assertThat(json).isEqualTo("{\"status\":\"ok\",\"data\":{\"api_calls\":3,\"canonical_digest\":null,\"vip\":true,\"wrapper_sha256\":\"ab\"}}");
    }

    @Test
    void errorBodiesOmitWhatTheyDoNotHave() {
        String json = JsonConfig.jsonb().toJson(ErrorBody.of(new RouteNotFound()));

        assertThat(json).isEqualTo("{\"status\":\"error\",\"code\":\"not_found\",\"message\":\"Route not found\"}");
    }

    @Test
    void validationErrorsNameTheField() {
        String json = JsonConfig.jsonb().toJson(ErrorBody.of(new ValidationFailed(Map.of("digest", List.of("digest is required")))));

        assertThat(json).isEqualTo("{\"status\":\"error\",\"code\":\"validation_failed\",\"message\":\"Validation failed\","
                + "\"errors\":{\"digest\":[\"digest is required\"]}}");
    }

    @Test
    void jsonValuesKeepTheirMemberOrder() {
        record WithDocument(jakarta.json.JsonObject auth) {
        }
        String json = JsonConfig.jsonb().toJson(new WithDocument(Json.createObjectBuilder().add("z", 1).add("a", "x").build()));

        assertThat(json).isEqualTo("{\"auth\":{\"z\":1,\"a\":\"x\"}}");
    }
}
