package dev.codexauth.http;

import dev.codexauth.host.control.DownloadScript;
import dev.codexauth.host.control.ScriptRefused;
import dev.codexauth.host.control.ShellScript;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How one-time script URLs answer (host-api.md §4.12): {@code text/x-shellscript}, never cached or sniffed, and a
 * refusal is a two-line script that prints the reason and fails, so {@code curl ... | bash} shows it.
 */
public final class ScriptResponses {

    /** Installer and seed tokens are UUIDs; anything else is an unknown route. */
    public static final Pattern TOKEN = Pattern.compile("^[a-fA-F0-9-]{36}$");
    static final String SHELL = "text/x-shellscript; charset=utf-8";

    private ScriptResponses() {
    }

    public static void requireTokenShape(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new RouteNotFound();
        }
    }

    public static Response script(String token, String expiresHeader, Supplier<DownloadScript> source) {
        requireTokenShape(token);
        try {
            DownloadScript script = source.get();
            return builder(200, script.body()).header(expiresHeader, script.expiresAt()).build();
        } catch (ScriptRefused refused) {
            return builder(refused.status(), ShellScript.refusal(refused.getMessage())).build();
        }
    }

    private static Response.ResponseBuilder builder(int status, String body) {
        return Response.status(status).type(SHELL).entity(body)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store, must-revalidate");
    }
}
