package dev.codexauth.sync.control;

/**
 * Finds custom TOML that Codex 0.169 refuses for its depth: its TOML parser stops at arrays and inline tables nested
 * more than 80 deep and at keys of more than 80 dotted parts (measured, docs/config-toml.md §4). The TOML parsers here
 * have no such limit and recurse until the stack overflows, so this runs first, on the raw text: a one-pass scan that
 * skips strings and comments, counts open brackets and the parts of each key.
 */
final class TomlNesting {

    private static final int CODEX_LIMIT = 80;

    private final String text;
    private int at;
    private int line = 1;
    /** The open arrays and inline tables of values, innermost last. */
    private final StringBuilder open = new StringBuilder();
    private boolean inKey = true;
    private int keyParts = 1;

    private TomlNesting(String text) {
        this.text = text;
    }

    /** What in the custom TOML goes beyond Codex's limits, naming the line; null when nothing does. */
    static String beyondCodexLimits(String customToml) {
        return new TomlNesting(customToml).scan();
    }

    private String scan() {
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '"' || c == '\'') {
                skipString(c);
            } else if (c == '#') {
                skipToLineEnd();
            } else if (c == '\n') {
                line++;
                if (open.isEmpty()) {
                    startKey();
                }
            } else if (c == '=') {
                inKey = false;
            } else if (c == '.' && inKey && ++keyParts > CODEX_LIMIT) {
                return "Line " + line + " of the custom TOML has a key of more than " + CODEX_LIMIT
                        + " dotted parts, which Codex refuses";
            } else if (inKey && (c == '[' || c == ']')) {
                // The brackets of a [table] or [[array]] header, around its key.
                inKey = c == '[';
            } else if (c == '[' || c == '{') {
                open.append(c);
                if (open.length() > CODEX_LIMIT) {
                    return "Line " + line + " of the custom TOML nests arrays or inline tables more than " + CODEX_LIMIT
                            + " deep, which Codex refuses";
                }
                if (c == '{') {
                    startKey();
                }
            } else if ((c == ']' || c == '}') && !open.isEmpty()) {
                open.setLength(open.length() - 1);
                inKey = false;
            } else if (c == ',' && !open.isEmpty() && open.charAt(open.length() - 1) == '{') {
                startKey();
            }
        }
        return null;
    }

    private void startKey() {
        inKey = true;
        keyParts = 1;
    }

    /** Leaves {@code at} on the string's closing quote, or before the line end of one left open. */
    private void skipString(char quote) {
        String triple = String.valueOf(quote).repeat(3);
        if (text.startsWith(triple, at)) {
            skipMultiLineString(triple);
            return;
        }
        for (at++; at < text.length() && text.charAt(at) != quote && text.charAt(at) != '\n'; at++) {
            if (quote == '"' && text.startsWith("\\", at) && !text.startsWith("\\\n", at)) {
                at++;
            }
        }
        if (at < text.length() && text.charAt(at) == '\n') {
            at--;
        }
    }

    private void skipMultiLineString(String triple) {
        for (at += 3; at < text.length() && !text.startsWith(triple, at); at++) {
            if (triple.charAt(0) == '"' && text.charAt(at) == '\\') {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '\n') {
                line++;
            }
        }
        // Up to two more quotes belong to the content: """a""""" is a"" then the delimiter.
        for (int extra = 0; extra < 2 && text.startsWith(triple + triple.charAt(0), at); extra++) {
            at++;
        }
        at += 2;
    }

    private void skipToLineEnd() {
        while (at + 1 < text.length() && text.charAt(at + 1) != '\n') {
            at++;
        }
    }
}
