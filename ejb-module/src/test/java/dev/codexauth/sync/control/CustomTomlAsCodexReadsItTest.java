package dev.codexauth.sync.control;

import static dev.codexauth.sync.control.ConfigTomlTest.assertCustomTomlRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Custom TOML that night-config reads but Codex 0.169 refuses (each form checked with {@code @openai/codex@0.169.0}
 * on the rendered config.toml, docs/config-toml.md §4): saved, it would stop Codex on every host, so it is refused
 * with the line at fault. TOML that Codex reads still renders unchanged.
 */
class CustomTomlAsCodexReadsItTest {

    private static final String DEEP_ARRAY = "[".repeat(81) + "]".repeat(81);
    private static final String LONG_KEY = "a.".repeat(79) + "b";

    static Stream<Arguments> invalidTomlNightConfigReads() {
        return Stream.of(
                Arguments.of("an integer beyond 64 bits", "[tui]\nx = 99999999999999999999", "Line 2 "),
                Arguments.of("one past the largest 64-bit integer", "[tui]\nx = 9223372036854775808", "Line 2 "),
                Arguments.of("one below the smallest 64-bit integer", "[tui]\nx = -9223372036854775809", "Line 2 "),
                Arguments.of("a hex integer beyond 64-bit", "[tui]\nx = 0x8000000000000000", "Line 2 "),
                Arguments.of("a float beyond binary64", "[tui]\nx = 1e400", "Line 2 "),
                Arguments.of("an Arabic-Indic digit", "[tui]\nx = 1\u0660", "Line 2 "),
                Arguments.of("a sign inside a hex integer", "[tui]\nx = 0x-1", "Line 2 "),
                Arguments.of("an offset without minutes", "[tui]\nx = 1997-09-09T09:09:09-09", "Line 2 "),
                Arguments.of("an offset without a colon", "[tui]\nx = 1997-09-09T09:09:09+0900", "Line 2 "),
                Arguments.of("a bare carriage return", "[tui]\nx = 1\ry = 2", "Line 2 "),
                Arguments.of("a vertical tab after a value", "[tui]\nx = 1\u000b\ny = 2", "Line 2 "),
                Arguments.of("an empty table declared twice", "[tui]\n[tui]", "Line 2 "),
                Arguments.of("a super-table declared twice", "[a.b]\n[a]\n[a]", "Line 3 "),
                Arguments.of("a sub-table declared twice", "[a]\n[a.b]\n[a.b]", "Line 3 "),
                Arguments.of("a header for a table dotted keys defined", "[t1]\nt2.t3.v = 0\n[t1.t2]", "Line 3 "),
                Arguments.of("dotted keys adding to a header's table", "[a.b.c]\nz = 9\n[a]\nb.c.t = \"x\"", "Line 4 "),
                Arguments.of("dotted keys adding to an array of tables", "[[tab.arr]]\n[tab]\narr.val1 = 1", "Line 3 "),
                Arguments.of("a dotted key extending an inline table", "[tui]\nt = {a = 1}\nt.b = 2", "Line 3 "),
                Arguments.of("an inline table extended from inside",
                        "[tui]\nt = {inner = {dog = \"best\"}, inner.cat = \"worst\"}", "Line 2 "),
                Arguments.of("a static array extended by [[ ]]", "[tui]\na = [1]\n[[tui.a]]", "Line 3 "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTomlNightConfigReads")
    void invalidTomlNightConfigReadsIsRefusedWithItsLine(String form, String customToml, String line) {
        assertCustomTomlRefused(customToml, line, "not valid TOML 1.0");
    }

    @Test
    void dottedKeysReachingIntoARenderedTableAreRefusedNamingItsLine() {
        JsonObject settings = ConfigSettings.normalize(Json.createObjectBuilder()
                .add("mcp_servers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "docs").add("url", "https://docs.example/mcp")))
                .add("custom_toml", "[mcp_servers]\ndocs.enabled = false").build());
        String renderedLine = "at line " + (ConfigToml.render(ConfigSettings.normalize(Json.createObjectBuilder()
                .add("mcp_servers", settings.get("mcp_servers")).build())).content().lines().toList()
                .indexOf("[mcp_servers.docs]") + 1) + " of the rendered config.toml";

        assertThatThrownBy(() -> ConfigToml.render(settings))
                .isInstanceOfSatisfying(ValidationFailed.class, failed -> assertThat(failed.errors().get("custom_toml"))
                        .singleElement().asString().startsWith("Line 2 ").contains("docs already defined", renderedLine));
    }

    @Test
    void aBadEscapeInAHeaderKeyIsReportedNotThrown() {
        assertThat(TomlDocument.strictError("[\"\\q\"]\n").getMessage()).contains("escape");
    }

    static Stream<Arguments> tooDeepForCodex() {
        return Stream.of(
                Arguments.of("arrays nested 81 deep", "[tui]\nx = 1\ny = " + DEEP_ARRAY, "Line 3 "),
                Arguments.of("a key of 81 parts", "[tui]\n" + LONG_KEY + ".c = 1", "Line 2 "),
                Arguments.of("a key of 81 parts in an inline table", "[tui]\nt = {x = 1, " + LONG_KEY + ".c = 2}",
                        "Line 2 "),
                Arguments.of("a header of 81 parts", "[tui]\nx = 1\n[" + LONG_KEY + ".c]", "Line 3 "),
                // Deep enough to overflow night-config's stack: that was a 500.
                Arguments.of("arrays nested 5000 deep", "[tui]\nx = " + "[".repeat(5000) + "]".repeat(5000), "Line 2 "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooDeepForCodex")
    void nestingCodexRefusesIsRefusedWithItsLine(String form, String customToml, String line) {
        assertCustomTomlRefused(customToml, line, "more than 80");
    }

    static Stream<Arguments> formsCodexReads() {
        return Stream.of(
                Arguments.of("arrays of tables", "[[tui.items]]\nname = \"a\"\n[tui.items.options]\nx = 1\n"
                        + "[[tui.items]]\nname = \"b\""),
                Arguments.of("nested tables, the super-table after", "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3"),
                Arguments.of("dotted keys", "[tui]\na.b = 1\na.c = \"x\"\n\"d.e\" = 2\n[tui.a.sub]\nf = 1"),
                Arguments.of("multi-line strings", "[tui]\nx = \"\"\"\nline \"one\" \"\"\\\n  two\"\"\"\"\"\n"
                        + "y = '''\nraw \\n '' '''"),
                Arguments.of("dates and times", "[tui]\na = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.999-07:00\n"
                        + "c = 1979-05-27T07:32:00\nd = 1979-05-27\ne = 07:32:00\nf = 1979-05-27t07:32:00z"),
                Arguments.of("64-bit bounds and other numbers", "[tui]\na = 9223372036854775807\n"
                        + "b = -9223372036854775808\nc = 0x7FFF_FFFF_FFFF_FFFF\nd = 0o17\ne = 0b101\nf = 1_000\n"
                        + "g = +1.5e-3\nh = -inf\ni = nan\nj = 1e300"),
                Arguments.of("escapes, comments and quoted keys", "[tui] # comment\n\"\" = \"\\t\\u00e9\\U0001F600\"\n"
                        + "'quoted key' = 'a\tb' # tab inside"),
                Arguments.of("inline tables and mixed arrays", "[tui]\nt = {a = {b = [1, \"x\", {c = 2}]}, d.e = 3}"),
                Arguments.of("arrays nested 80 deep", "[tui]\nx = " + "[".repeat(80) + "]".repeat(80)),
                Arguments.of("keys of 80 parts", "[" + LONG_KEY + "]\n" + LONG_KEY + " = {" + LONG_KEY + " = 1}"),
                Arguments.of("81 arrays of empty inline tables", "[tui]\n" + IntStream.range(0, 81)
                        .mapToObj(i -> "x" + i + " = [{}, {}]").collect(Collectors.joining("\n"))),
                Arguments.of("multi-line arrays with comments", "[tui]\nx = [ # [[[ not an array\n  1,\n"
                        + "  [2, {a.b = 3, c = [4]}],\n]"),
                Arguments.of("brackets and dots inside strings", "[tui]\nx = \"" + DEEP_ARRAY + LONG_KEY + "\"\n"
                        + "y = '''\n" + DEEP_ARRAY + "\n'''\n\"" + LONG_KEY + "\" = 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formsCodexReads")
    void formsCodexReadsAreAppendedUnchanged(String form, String customToml) {
        assertThat(render(customToml).content()).endsWith("\n\n" + customToml + "\n");
    }

    /** The server's threads have 512 KB of stack (-Xss512k); both parsers recurse per level of nesting. */
    @Test
    void theDeepestNestingCodexReadsRendersOnHalfTheServersThreadStack() throws InterruptedException {
        String deepest = "[tui]\nx = " + "[{a = ".repeat(40) + "1" + "}]".repeat(40) + "\ny = " + "[".repeat(80)
                + "]".repeat(80);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.set(render(deepest).content());
            } catch (Throwable failure) {
                outcome.set(failure);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();

        assertThat(outcome.get()).asString().endsWith(deepest + "\n");
    }

    /** Whatever the text, a save gets a rendered config or a 422 on custom_toml, never a 500. */
    @Property(tries = 300)
    void anyCustomTomlIsRenderedOrRefusedOnItsField(@ForAll("tomlLikeText") String customToml) {
        try {
            render(customToml);
        } catch (ValidationFailed refused) {
            assertThat(refused.errors()).containsOnlyKeys("custom_toml");
        }
    }

    @Provide
    Arbitrary<String> tomlLikeText() {
        return Arbitraries.of("[", "]", "{", "}", "=", "\"", "'", "\"\"\"", "'''", ".", ",", "#", "\\", " ", "\n", "\r",
                        "a", "b", "1", "-", ":", "e", "_", "0x", "+", "1979-05-27", "T07:32:00", "\u0660", "\u000b")
                .list().ofMaxSize(40).map(parts -> "[t]\n" + String.join("", parts));
    }

    private static RenderedConfig render(String customToml) {
        JsonObject settings = ConfigSettings.normalize(Json.createObjectBuilder()
                .add("features", Json.createObjectBuilder().add("unified_exec", true))
                .add("custom_toml", customToml).build());
        return ConfigToml.render(settings);
    }
}
