package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated inputs for {@link BoundedJson}: hostile bytes never escape as anything but a 400 or 413. */
class BoundedJsonPropertiesTest {

    /** Whatever the bytes, the reader answers with a value or one of its two refusals: never another exception. */
    @Property(tries = 2000)
    void anyBytesGiveAValueOrAClientError(@ForAll("hostileBodies") byte[] body) {
        try {
            BoundedJson.read(new ByteArrayInputStream(body), JsonLimits.forBodiesUpTo(4096));
        } catch (ApiException refused) {
            assertThat(refused.status()).isIn(400, 413);
        }
    }

    /** Well-formed JSON within the limits reads as the JSON-P reference reader reads it. */
    @Property(tries = 500)
    void validJsonReadsLikeTheReferenceReader(@ForAll("documents") Object document) {
        String json = JsonConfig.jsonb().toJson(document);

        JsonValue reference = Jsonp.PROVIDER.createReader(new StringReader(json)).readValue();
        assertThat(BoundedJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), JsonLimits.forBodiesUpTo(1 << 20))).isEqualTo(reference);
    }

    @Provide
    Arbitrary<byte[]> hostileBodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(6000);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\u\t\n\u00e9\ud83d\ude00")
                .ofMaxLength(3000).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 5000)
                .map(n -> ("{\"a\":".repeat(n) + "1" + "}".repeat(n)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, jsonish, nested);
    }

    @Provide
    Arbitrary<Object> documents() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(6).map(l -> (Object) l);
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), scalars).ofMaxSize(6)
                .map(m -> (Object) m);
        return Arbitraries.oneOf(lists, maps, Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.oneOf(lists, maps)).ofMaxSize(4).map(m -> (Object) Map.copyOf(m)), Arbitraries.just(List.of()));
    }

}
