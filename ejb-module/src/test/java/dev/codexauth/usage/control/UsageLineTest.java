package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageLineTest {

    @Test
    void terminalEscapesAndControlCharactersAreRemovedAndEverythingBeforeTheUsageDropped() {
        String captured = "\u001B]0;codex\u0007\u001B[2K\u001B[1;32m> done\u001B[0m\tToken usage:  total=1,234\r\n input=1,000 "
                + "(+ 200 cached) output=234 (reasoning 100)\u001B[0m";

        assertThat(UsageLine.sanitize(captured))
                .isEqualTo("Token usage: total=1,234 input=1,000 (+ 200 cached) output=234 (reasoning 100)");
    }

    @Test
    void escapeRemnantsBackslashRunsAndNonAsciiGo() {
        assertThat(UsageLine.sanitize("[0mtoken usage: total=5 [1;31mdone \\\\\\ caf\u00e9 \u2713"))
                .isEqualTo("token usage: total=5 done \\ caf");
    }

    @Test
    void aLineWithoutTheMarkerIsKeptWhole() {
        assertThat(UsageLine.sanitize("  total: 12   input: 10  ")).isEqualTo("total: 12 input: 10");
    }

    @Test
    void longLinesAreCutAtOneThousandCharactersWithAnEllipsis() {
        String line = UsageLine.sanitize("Token usage: " + "x".repeat(2000));

        assertThat(line).hasSize(1001).endsWith("x\u2026");
    }

    @Test
    void emptyOrOnlyEscapesIsNull() {
        assertThat(UsageLine.sanitize("\u001B[0m \t ")).isNull();
        assertThat(UsageLine.sanitize(null)).isNull();
    }

    @Test
    void linesTheFastPathAcceptsAreLinesScrubbingWouldNotChange() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ab \\[0;m\u001b\t\u00e9=,(+)";
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            if (UsageLine.alreadyClean(text)) {
                accepted++;
                assertThat(UsageLine.scrub(text)).as("[%s]", text).isEqualTo(text);
            }
        }
        assertThat(accepted).isGreaterThan(100);
    }
}
