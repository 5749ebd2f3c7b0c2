package dev.codexauth.identity.control;

import dev.codexauth.host.control.ShellScript;
import java.util.Map;

/**
 * The script behind {@code curl -fsSL <base>/install/login | bash}: a person signs in in the browser (or the boot
 * passes {@code XO_AUTH_SESSION_ID} and {@code XO_POLL_TOKEN}), the script enrols the machine in their workspace and
 * runs its one-time installer. It carries this server's address and nothing secret.
 */
public final class LoginScript {

    private LoginScript() {
    }

    public static String render(String baseUrl) {
        return ShellScript.render(LoginScript.class, "login.sh", Map.of("CODEX_AUTH_BASE_URL", baseUrl));
    }
}
