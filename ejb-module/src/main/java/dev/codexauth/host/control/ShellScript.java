package dev.codexauth.host.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A bash script template whose {@code __NAME__} tokens are replaced by single-quoted values. */
public final class ShellScript {

    private ShellScript() {
    }

    public static String render(Class<?> owner, String resource, Map<String, String> values) {
        String script = template(owner, resource);
        for (Map.Entry<String, String> value : values.entrySet()) {
            script = script.replace("__" + value.getKey() + "__", quote(value.getValue()));
        }
        return script;
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
