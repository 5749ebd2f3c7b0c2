package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedJsonTest {

    private static final JsonLimits LIMITS = JsonLimits.forBodiesUpTo(1 << 20);

    @Test
    void readsAnObjectAndKeepsMemberOrder() {
        JsonValue value = read("{\"b\":1,\"a\":[true,null,\"x\",1.5]}");

        assertThat(value).isInstanceOf(JsonObject.class);
        assertThat(((JsonObject) value).keySet()).containsExactly("b", "a");
        assertThat(value.toString()).isEqualTo("{\"b\":1,\"a\":[true,null,\"x\",1.5]}");
    }

    @Test
    void emptyAndBlankBodiesAreNoValue() {
        assertThat(read("")).isNull();
        assertThat(read(" \r\n\t")).isNull();
        assertThat(read("\uFEFF{}")).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);

        assertThatThrownBy(() -> read(deep)).isInstanceOf(InvalidJson.class)
                .satisfies(e -> assertThat(((InvalidJson) e).details()).containsEntry("reason", "nested deeper than 64 levels"));
        assertThat(read("[".repeat(64) + "]".repeat(64))).isNotNull();
    }

    @Test
    void bodiesOverTheByteLimitAre413EvenWithoutContentLength() {
        JsonLimits small = JsonLimits.forBodiesUpTo(100);

        assertThatThrownBy(() -> BoundedJson.read(stream("{\"a\":\"" + "x".repeat(200) + "\"}"), small))
                .isInstanceOf(PayloadTooLarge.class).satisfies(e -> assertThat(((PayloadTooLarge) e).status()).isEqualTo(413));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};

        assertThatThrownBy(() -> BoundedJson.read(new ByteArrayInputStream(body), LIMITS))
                .isInstanceOf(InvalidJson.class)
                .satisfies(e -> assertThat(((InvalidJson) e).details()).containsEntry("reason", "the body is not valid UTF-8"));
    }

    @Test
    void duplicateMembersTrailingContentAndOverlongNumbersAreRefused() {
        assertThatThrownBy(() -> read("{\"command\":\"retrieve\",\"command\":\"store\"}")).isInstanceOf(InvalidJson.class);
        assertThatThrownBy(() -> read("{} {}")).isInstanceOf(InvalidJson.class);
        assertThatThrownBy(() -> read("{\"n\":1" + "0".repeat(100) + "}")).isInstanceOf(InvalidJson.class);
        assertThatThrownBy(() -> read("{\"a\":")).isInstanceOf(InvalidJson.class);
    }

    @Test
    void escapedHalvesOfSurrogatePairsAreRefusedWholePairsKept() {
        assertThatThrownBy(() -> read("{\"a\":\"x\\ud800y\"}")).isInstanceOf(InvalidJson.class);
        assertThatThrownBy(() -> read("{\"\\udc00\":1}")).isInstanceOf(InvalidJson.class);
        assertThat(((JsonObject) read("{\"a\":\"\\ud83d\\ude00\"}")).getString("a")).isEqualTo("\ud83d\ude00");
    }

    @Test
    void tooManyMembersInOneContainerAreRefused() {
        String many = "[" + "1,".repeat(JsonLimits.ENTRIES) + "1]";

        assertThatThrownBy(() -> read(many)).isInstanceOf(InvalidJson.class);
    }

    @Test
    void aBodyThatIsNotAnObjectIsA422WhereAnObjectIsRequired() {
        RequestBody body = RequestBody.streaming(stream("false"), LIMITS);

        assertThatThrownBy(body::object).isInstanceOf(ValidationFailed.class)
                .satisfies(e -> assertThat(((ValidationFailed) e).errors()).containsKey("body"));
    }

    @Test
    void aBodyThatWasRefusedOnceIsRefusedEveryTime() {
        JsonObject body = RequestBody.streaming(stream("[".repeat(100) + "]".repeat(100)), LIMITS).deferredObject();

        assertThatThrownBy(() -> body.get("digest")).isInstanceOf(InvalidJson.class);
        assertThatThrownBy(() -> body.get("digest")).as("a second reader must not see an empty object").isInstanceOf(InvalidJson.class);
    }

    @Test
    void aDeferredBodyIsReadOnlyWhenAMemberIsRead() {
        boolean[] read = {false};
        InputStream source = new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                read[0] = true;
                return super.read(buffer, offset, length);
            }
        };
        JsonObject body = RequestBody.streaming(source, LIMITS).deferredObject();

        assertThat(read[0]).isFalse();
        assertThat(body.getInt("a")).isEqualTo(1);
        assertThat(read[0]).isTrue();
    }

    private static JsonValue read(String body) {
        return BoundedJson.read(stream(body), LIMITS);
    }

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
