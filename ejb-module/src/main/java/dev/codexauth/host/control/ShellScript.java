package dev.codexauth.host.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bash script template whose {@code __NAME__} tokens are replaced by single-quoted values, in one pass: a value that
 * holds another token's name stays text. Tokens stand only where a quoted word is code ({@code FQDN=__FQDN__}), never
 * in a comment, where a newline in the value would end the comment and start a command.
 */
public final class ShellScript {

    private static final Pattern TOKEN = Pattern.compile("__([A-Z][A-Z0-9_]*)__");
    private static final Pattern TOKEN_IN_COMMENT = Pattern.compile("(?m)^\\s*#.*__[A-Z][A-Z0-9_]*__");

    private ShellScript() {
    }

    public static String render(Class<?> owner, String resource, Map<String, String> values) {
        String script = template(owner, resource);
        if (TOKEN_IN_COMMENT.matcher(script).find()) {
            throw new IllegalStateException("script template " + resource + " has a token in a comment");
        }
        return TOKEN.matcher(script).replaceAll(token -> Matcher.quoteReplacement(
                values.containsKey(token.group(1)) ? quote(values.get(token.group(1))) : token.group()));
    }

    /** The value as one single-quoted bash word: nothing inside is expanded. */
    public static String quote(String value) {
        return "'" + (value == null ? "" : value).replace("'", "'\\''") + "'";
    }

    /** The two-line script an installer or seed URL answers with when it refuses. */
    public static String refusal(String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
        return "echo \"" + escaped + "\" >&2\nexit 1\n";
    }

    static String template(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("script template " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
