package dev.codexauth.auth.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hosts hash their auth.json as Python's {@code json.dumps(..., separators=(",", ":"), ensure_ascii=False)} writes
 * it; any byte of difference makes a host loop on {@code upload_required}. Checked against python3 itself.
 */
class CanonicalJsonMatchesPythonTest {

    private static final List<String> DOCUMENTS = List.of(
            "{\"last_refresh\":\"2025-11-19T09:27:43.373506211Z\",\"auths\":{\"api.openai.com\":{\"token\":\"sk-abc\",\"token_type\":\"bearer\"}}}",
            "{\"OPENAI_API_KEY\":null,\"tokens\":{\"id_token\":\"a.b.c\",\"account_id\":\"acc-1\"},\"empty\":{},\"list\":[],\"nested\":[{}, [1,2,[]]]}",
            "{\"text\":\"quote \\\" backslash \\\\ slash / tab \\t newline \\n cr \\r bell \\u0007 nul \\u0000 del \\u007f\"}",
            "{\"unicode\":\"é 中文 😀 \\u2028 \\u2029 \\ufeff\",\"ünïcödé-key\":true}",
            "{\"ints\":[0,-0,7,-12,12345678901234567890123],\"bools\":[true,false,null]}",
            "{\"floats\":[0.0,1.0,1.5,0.1,0.0001,0.00001,123456789012345.0,1234567890123456.0,1e16,1e22,1.7976931348623157e308,5e-324,3.14159,2.5e-7,100.0,1E3,1e-4]}");

    @Test
    void compactBytesAreIdenticalToPythons() throws Exception {
        for (String document : DOCUMENTS) {
            JsonValue value = Json.createReader(new StringReader(document)).readValue();
            assertThat(CanonicalJson.text(value)).as(document).isEqualTo(python(document, "separators=(',', ':')"));
        }
    }

    @Test
    void fileBytesAreIdenticalToWhatTheOriginalWrapperWrote() throws Exception {
        for (String document : DOCUMENTS) {
            JsonValue value = Json.createReader(new StringReader(document)).readValue();
            String file = new String(CanonicalJson.fileBytes(value), StandardCharsets.UTF_8);
            assertThat(file).as(document).isEqualTo(python(document, "indent=2") + "\n");
        }
    }

    @Test
    void pythonFloatReprInBothNotations() {
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(-2.5)).isEqualTo("-2.5");
        assertThat(PythonFloat.repr(100)).isEqualTo("100.0");
    }

    private static String python(String document, String layout) throws Exception {
        Process process = new ProcessBuilder("python3", "-c",
                "import json,sys; sys.stdout.buffer.write(json.dumps(json.loads(sys.stdin.buffer.read().decode('utf-8')),"
                        + " " + layout + ", ensure_ascii=False).encode('utf-8'))").start();
        process.getOutputStream().write(document.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return out;
    }
}
