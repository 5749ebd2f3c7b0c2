package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    private static JsonValue json(String text) {
        return Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
    }

    @Test
    void nestedObjectsAndArraysBecomeDottedPathsWithLengths() {
        String lines = LineFormat.flatten(json("""
                {"status":"ok","data":{"n":1.5,"ok":true,"none":null,"list":[{"f":"a"},{"f":"b"}],"empty":[],"obj":{}}}"""));

        assertThat(lines).isEqualTo("""
                status=ok
                data.n=1.5
                data.ok=true
                data.none=
                data.list.#=2
                data.list.0.f=a
                data.list.1.f=b
                data.empty.#=0
                """);
    }

    @Test
    void multiLineTextStaysOnOneLineAndEscapesAreReversibleByPrintf() {
        String lines = LineFormat.flatten(json("{\"prompt\":\"---\\nname: x\\\\y\\r\\t\\u0001\\\\n\"}"));

        assertThat(lines).isEqualTo("prompt=---\\nname: x\\\\y\\r\\t\\x01\\\\n\n");
    }

    @Test
    void keysCannotForgeOtherPaths() {
        String lines = LineFormat.flatten(json("{\"headers\":{\"a.b=c\":\"v=w.x\"}}"));

        assertThat(lines).isEqualTo("headers.a\\x2eb\\x3dc=v=w.x\n");
    }
}
