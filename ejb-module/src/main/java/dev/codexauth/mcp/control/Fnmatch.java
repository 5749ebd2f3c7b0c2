package dev.codexauth.mcp.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The file tools' name patterns as the original read them, Python's {@code fnmatch.fnmatchcase}: {@code *} any run of
 * characters ({@code /} included), {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} one of a set,
 * an unclosed {@code [} a literal. Matched in time proportional to pattern times name, never by a backtracking regular
 * expression: the JDK's glob matcher is one, and a host that names its files and its pattern ({@code *a*a*a*a*a*a*b}
 * against a long name of {@code a}s) held a request thread for minutes.
 */
final class Fnmatch {

    /** One position of a pattern: a star, or a set of characters (one character, any, or a bracket expression). */
    private record Token(boolean star, boolean any, boolean negated, int[] ranges) {

        boolean accepts(int c) {
            if (any) {
                return true;
            }
            boolean inside = false;
            for (int i = 0; i < ranges.length && !inside; i += 2) {
                inside = ranges[i] <= c && c <= ranges[i + 1];
            }
            return inside != negated;
        }
    }

    private final List<Token> tokens;

    private Fnmatch(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Fnmatch compile(String pattern) {
        int[] p = pattern.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < p.length) {
            int c = p[i++];
            if (c == '*') {
                if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).star()) {
                    tokens.add(new Token(true, false, false, null));
                }
            } else if (c == '?') {
                tokens.add(new Token(false, true, false, null));
            } else if (c == '[') {
                int close = closingBracket(p, i);
                if (close < 0) {
                    tokens.add(literal('['));
                } else {
                    tokens.add(bracket(p, i, close));
                    i = close + 1;
                }
            } else {
                tokens.add(literal(c));
            }
        }
        return new Fnmatch(tokens);
    }

    boolean matches(String name) {
        int[] s = name.codePoints().toArray();
        int t = 0;
        int n = 0;
        int starToken = -1;
        int starName = 0;
        while (n < s.length) {
            if (t < tokens.size() && tokens.get(t).star()) {
                starToken = t++;
                starName = n;
            } else if (t < tokens.size() && tokens.get(t).accepts(s[n])) {
                t++;
                n++;
            } else if (starToken >= 0) {
                // The last star takes one more character; earlier stars never need to (classic wildcard matching).
                t = starToken + 1;
                n = ++starName;
            } else {
                return false;
            }
        }
        while (t < tokens.size() && tokens.get(t).star()) {
            t++;
        }
        return t == tokens.size();
    }

    private static Token literal(int c) {
        return new Token(false, false, false, new int[] {c, c});
    }

    /** Index of the {@code ]} closing a bracket opened just before {@code from}, or -1: a {@code ]} first (after {@code !}) is a member. */
    private static int closingBracket(int[] p, int from) {
        int j = from;
        if (j < p.length && p[j] == '!') {
            j++;
        }
        if (j < p.length && p[j] == ']') {
            j++;
        }
        while (j < p.length && p[j] != ']') {
            j++;
        }
        return j < p.length ? j : -1;
    }

    private static Token bracket(int[] p, int from, int close) {
        int j = from;
        boolean negated = j < close && p[j] == '!';
        if (negated) {
            j++;
        }
        List<Integer> ranges = new ArrayList<>();
        while (j < close) {
            // a-z is a range (z-a an empty one); a - first or last in the brackets is itself.
            boolean range = j + 2 < close && p[j + 1] == '-';
            ranges.add(p[j]);
            ranges.add(range ? p[j + 2] : p[j]);
            j += range ? 3 : 1;
        }
        return new Token(false, false, negated, ranges.stream().mapToInt(Integer::intValue).toArray());
    }
}
