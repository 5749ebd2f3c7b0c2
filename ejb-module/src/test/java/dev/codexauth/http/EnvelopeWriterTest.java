package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.host.control.HostBlock;
import dev.codexauth.sync.control.VersionsBlock;
import dev.codexauth.usage.control.ChatgptUsageSummary;
import dev.codexauth.usage.control.MonthUsage;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The envelope writer must write, byte for byte, what JSON-B writes: hosts parse these answers. */
class EnvelopeWriterTest {

    record Names(String a1, String a1B, String aBc, String ab, String authFileB64, String wrapperSha256, String x, String xYZ) {
    }

    record Scalars(int count, long total, double cost, boolean flag, Integer maybeCount, Long maybeTotal, Double maybeCost,
                   Boolean maybeFlag, String text, BigDecimal price) {
    }

    record Nested(Scalars scalars, List<String> tags, Map<String, Object> details, JsonObject document,
                  @JsonbNillable(false) String omittedWhenNull, Object anything) {
    }

    @JsonbNillable(false)
    record NoNulls(String first, Integer second, String third) {
    }

    record Renamed(@JsonbProperty("price_per_1k") String pricePer1k) {
    }

    record Priced(BigDecimal cost, List<BigDecimal> costs) {
    }

    record Unwritable(Instant when, BigDecimal price) {
    }

    @Test
    void writesTheAuthAnswerBlocksAsJsonbDoes() {
        HostBlock host = new HostBlock("host-1.example", "active", "2026-12-04T10:00:00Z", null, null, "0.169.0", null, "3.2.1",
                41, false, true, true, null, "2026-12-04 10:00:00", 30, false, null, "high");
        VersionsBlock versions = new VersionsBlock("0.169.0", null, "locked", "3.2.1", "ab".repeat(32), "/wrapper/cdx", null, true,
                90, 7, false, true, "ok", null, null, null, "install-1");
        ChatgptUsageSummary chatgpt = new ChatgptUsageSummary("ok", "team", true, null, "2026-12-04T10:00:00Z", null,
                new ChatgptUsageSummary.Window(12, 18_000L, null, "2026-12-04T15:00:00Z"), null, 3, null);
        MonthUsage.Totals month = new MonthUsage.Totals(1_234_567, 1_000_000, 200_000, 30_000, 4_567, 12.345678, 99);
        record Answer(String status, HostBlock host, VersionsBlock versions, ChatgptUsageSummary chatgptUsage, MonthUsage.Totals tokenUsageMonth,
                      @JsonbNillable(false) JsonObject auth, @JsonbNillable(false) String action) {
        }

        assertWritesAsJsonb(new Answer("valid", host, versions, chatgpt, month, null, null));
        assertWritesAsJsonb(new Answer("updated", host, versions, null, month,
                Jsonp.PROVIDER.createObjectBuilder().add("tokens", Jsonp.PROVIDER.createObjectBuilder().add("id_token", "é\"\\\n")).build(), "store"));
    }

    @Test
    void namesOrderNullsAndNestingFollowJsonb() {
        assertWritesAsJsonb(new Names("1", "1b", "2", "3", "4", "5", "6", "7"));
        assertWritesAsJsonb(new Names(null, null, null, null, null, null, null, null));
        assertWritesAsJsonb(new NoNulls(null, 2, null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("b", 1);
        details.put("a", null);
        details.put("list", List.of("x", 2L, true));
        assertWritesAsJsonb(new Nested(new Scalars(1, 2L, 0.1, true, null, null, null, null, "t", null), List.of("z", "a"), details,
                Jsonp.PROVIDER.createObjectBuilder().add("z", 1).add("a", JsonObject.NULL).build(), null, Map.of("k", List.of())));
        assertWritesAsJsonb(List.of(new NoNulls("a", null, "c")));
        assertWritesAsJsonb(new Priced(new BigDecimal("0.000123450"), List.of(new BigDecimal("1E+3"), new BigDecimal("-12345678901234567890.5"),
                BigDecimal.ZERO)));
        assertWritesAsJsonb(Map.of("cost", new BigDecimal("0.10"), "usages", List.of(new Priced(null, List.of()))));
        assertWritesAsJsonb(null);
    }

    @Test
    void whatOnlyJsonbKnowsIsLeftToJsonb() {
        assertWritesAsJsonb(new Renamed("1.5"));
        assertWritesAsJsonb(new Unwritable(Instant.parse("2026-12-04T10:00:00Z"), new BigDecimal("1.50")));
        assertWritesAsJsonb(new Nested(null, null, Map.of("when", Instant.EPOCH), null, "kept", null));
    }

    @Property(tries = 1000)
    void anyScalarsWriteAsJsonbWritesThem(@ForAll("scalars") Scalars scalars, @ForAll("texts") List<String> tags) {
        assertWritesAsJsonb(new Nested(scalars, tags, null, null, tags.isEmpty() ? null : tags.get(0), scalars.text()));
    }

    @Provide
    Arbitrary<Scalars> scalars() {
        Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(12),
                Arbitraries.of(0.0, -0.0, 1e21, 1e-7, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE));
        return Combinators.combine(List.of(Arbitraries.integers().map(Object.class::cast), Arbitraries.longs().map(Object.class::cast),
                doubles.map(Object.class::cast), Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.integers().injectNull(0.3).map(Object.class::cast), Arbitraries.longs().injectNull(0.3).map(Object.class::cast),
                doubles.injectNull(0.3).map(Object.class::cast), Arbitraries.of(true, false).injectNull(0.3).map(Object.class::cast),
                texts().map(list -> list.isEmpty() ? null : (Object) list.get(0)),
                Arbitraries.bigDecimals().ofScale(6).injectNull(0.3).map(Object.class::cast)))
                .as(values -> {
                    List<Object> v = new ArrayList<>(values);
                    return new Scalars((Integer) v.get(0), (Long) v.get(1), (Double) v.get(2), (Boolean) v.get(3), (Integer) v.get(4),
                            (Long) v.get(5), (Double) v.get(6), (Boolean) v.get(7), (String) v.get(8), (BigDecimal) v.get(9));
                });
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.strings().all().ofMaxLength(40).list().ofMaxSize(4);
    }

    /** Compared as the bytes a client receives: JSON-B writing to the response stream, UTF-8. */
    private static void assertWritesAsJsonb(Object data) {
        Envelope<Object> envelope = Envelope.ok(data);
        ByteArrayOutputStream jsonb = new ByteArrayOutputStream();
        JsonConfig.jsonb().toJson(envelope, jsonb);

        assertThat(new String(EnvelopeWriter.render(envelope), StandardCharsets.UTF_8)).isEqualTo(jsonb.toString(StandardCharsets.UTF_8));
    }
}
