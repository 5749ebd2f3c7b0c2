package dev.codexauth.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The file tools' patterns answer as the original's {@code fnmatch.fnmatchcase} does, checked against python3 itself. */
class FnmatchTest {

    @Test
    void answersAsPythonsFnmatchcase() throws Exception {
        Random random = new Random(20261207);
        List<String[]> cases = new ArrayList<>(List.of(new String[] {"*.md", "notes.md"}, new String[] {"*.md", "dir/notes.md"},
                new String[] {"[!.]*", ".hidden"}, new String[] {"[]a]?", "]x"}, new String[] {"[a-c-e]", "-"},
                new String[] {"[z-a]", "m"}, new String[] {"[!z-a]", "m"}, new String[] {"file[", "file["},
                new String[] {"é*", "école"}, new String[] {"[a-]", "-"}));
        for (int i = 0; i < 3000; i++) {
            cases.add(new String[] {text(random, "ab-!][*?/.", 8), text(random, "ab-!][/.", 6)});
        }
        List<Boolean> expected = python(cases);
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            assertThat(Fnmatch.compile(c[0]).matches(c[1])).as("fnmatchcase(%s, %s)", c[1], c[0]).isEqualTo(expected.get(i));
        }
    }

    @Test
    @Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void manyStarsAgainstALongNameAnswerAtOnce() {
        assertThat(Fnmatch.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches("a".repeat(100_000))).isFalse();
        assertThat(Fnmatch.compile("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches("a".repeat(100_000) + "b")).isTrue();
    }

    private static String text(Random random, String alphabet, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** One line per case on stdin (pattern, tab, name), one 0 or 1 per case back. */
    private static List<Boolean> python(List<String[]> cases) throws Exception {
        StringBuilder input = new StringBuilder();
        cases.forEach(c -> input.append(c[0]).append('\t').append(c[1]).append('\n'));
        Process process = new ProcessBuilder("python3", "-c", "import fnmatch,sys\n"
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    p, n = line.split('\\t')\n"
                + "    print(1 if fnmatch.fnmatchcase(n, p) else 0)").start();
        process.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<Boolean> answers = new ArrayList<>();
        out.lines().forEach(line -> answers.add(line.equals("1")));
        assertThat(answers).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).hasSize(cases.size());
        return answers;
    }
}
