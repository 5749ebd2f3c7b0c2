package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsagePayloadTest {

    @Test
    void numbersMayBeStringsWithCommasUnderscoresAndSpaces() {
        List<UsageEntry> entries = read("{\"total\":\"1,234\",\"input\":\"1_000\",\"output\":\" 234 \",\"cached\":200,"
                + "\"reasoning\":\"1 00\",\"model\":\"  gpt-5.1-codex \",\"line\":\"done Token usage: total=1,234\"}");

        assertThat(entries).containsExactly(new UsageEntry(1234L, 1000L, 234L, 200L, 100L, "gpt-5.1-codex", "Token usage: total=1,234"));
    }

    @Test
    void aBatchKeepsItsOrderAndSkipsItemsThatAreNotObjects() {
        List<UsageEntry> entries = read("{\"usages\":[{\"total\":1},\"noise\",7,{\"input\":2.0,\"model\":\"\"}]}");

        assertThat(entries).containsExactly(new UsageEntry(1L, null, null, null, null, null, null),
                new UsageEntry(null, 2L, null, null, null, null, null));
    }

    @Test
    void negativeFractionalAndNonDigitCountsAreErrorsForEveryField() {
        Map<String, List<String>> errors = errors("{\"usages\":[{\"total\":-1,\"input\":\"12a\",\"output\":1.5,\"cached\":\"-3\","
                + "\"reasoning\":\"\"}]}");

        assertThat(errors).containsOnlyKeys("usages.0.total", "usages.0.input", "usages.0.output", "usages.0.cached", "usages.0.reasoning");
        assertThat(errors.get("usages.0.total")).containsExactly("total must be a non-negative integer of at most 1000000000000");
    }

    @Test
    void otherTypesAreErrorsForTheMainCountsAndIgnoredForCachedAndReasoning() {
        assertThat(errors("{\"total\":true,\"input\":[1],\"output\":{}}")).containsOnlyKeys("total", "input", "output");
        assertThat(read("{\"total\":5,\"cached\":true,\"reasoning\":[1]}"))
                .containsExactly(new UsageEntry(5L, null, null, null, null, null, null));
    }

    @Test
    void countsBeyondATrillionAreRejected() {
        assertThat(errors("{\"total\":9223372036854775808}")).containsOnlyKeys("total");
        assertThat(errors("{\"total\":\"9,223,372,036,854,775,808\"}")).containsOnlyKeys("total");
        assertThat(errors("{\"total\":9223372036854775807,\"input\":\"1,000,000,000,001\"}"))
                .as("a count whose cost overflows its column went unrecorded").containsOnlyKeys("total", "input");
        assertThat(read("{\"total\":1000000000000}")).containsExactly(new UsageEntry(1_000_000_000_000L, null, null, null, null, null, null));
    }

    @Test
    void anEntryWithoutCountsOrLineIsAnError() {
        assertThat(errors("{\"model\":\"gpt-5.1\"}")).containsOnlyKeys("usage");
        assertThat(errors("{\"usages\":[{\"total\":1},{\"model\":\"gpt-5.1\"}]}")).containsOnlyKeys("usages.1");
        assertThat(errors("{\"cached\":true,\"reasoning\":null}").get("usage")).containsExactly("entry needs token counts or a line");
    }

    @Test
    void noUsableEntryIsAnError() {
        assertThat(errors("{\"usages\":[]}")).containsOnlyKeys("usages");
        assertThat(errors("{\"usages\":[1,\"x\"]}")).containsOnlyKeys("usages");
        assertThat(errors("{\"usages\":{\"total\":1}}").get("usages")).containsExactly("usages must be a list of entries");
    }

    @Test
    void aLineIsNeverReadForCounts() {
        List<UsageEntry> entries = read("{\"usages\":[{\"line\":\"\\u001b[0mToken usage: total=1,234 input=1,000 (+ 200 cached)"
                + " output=234 (reasoning 100)\",\"model\":\"gpt-5.1\"}]}");

        assertThat(entries).as("stored like the original stored it: the line, no counts").containsExactly(new UsageEntry(
                null, null, null, null, null, "gpt-5.1", "Token usage: total=1,234 input=1,000 (+ 200 cached) output=234 (reasoning 100)"));
    }

    @Test
    void sentCountsAreStoredWhateverTheLineSays() {
        assertThat(read("{\"total\":7,\"line\":\"Token usage: total=1,234 input=1,000 output=234\"}").get(0).total()).isEqualTo(7L);
    }

    @Test
    void anEntryWithoutALineIsAccepted() {
        assertThat(read("{\"usages\":[{\"total\":1090,\"input\":1034,\"output\":56,\"cached\":200,\"reasoning\":7}]}"))
                .containsExactly(new UsageEntry(1090L, 1034L, 56L, 200L, 7L, null, null));
    }

    @Test
    void modelAndLineMustBeStrings() {
        assertThat(errors("{\"total\":1,\"model\":5,\"line\":{}}")).containsOnlyKeys("model", "line");
    }

    @Test
    void tooManyEntriesAreRefused() {
        assertThatThrownBy(() -> UsagePayload.entries(json("{\"usages\":[{\"total\":1},{\"total\":2},{\"total\":3}]}"), 2))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors()).containsOnlyKeys("usages"));
    }

    private static List<UsageEntry> read(String body) {
        return UsagePayload.entries(json(body), 100);
    }

    private static Map<String, List<String>> errors(String body) {
        try {
            UsagePayload.entries(json(body), 100);
        } catch (ValidationFailed e) {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.getMessage()).isEqualTo("Validation failed");
            return e.errors();
        }
        throw new AssertionError("expected a validation failure for " + body);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
