package dev.codexauth.host.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An installer runs as the user under {@code curl | bash}: no value may become a command of its own. */
class ShellScriptTest {

    @Test
    void aValueWithANewlineOrAnotherTokensNameStaysOneQuotedWord() throws Exception {
        String script = ShellScript.render(InstallerTokens.class, "install.sh", Map.of(
                "BASE_URL", "https://auth.example", "API_KEY", "key-__FQDN__", "FQDN", "legacy.example\ntouch /tmp/owned",
                "CODEX_VERSION", "", "FORCE_IPV4", "0", "CURL_INSECURE", "0"));

        assertThat(script.lines()).contains("API_KEY='key-__FQDN__'", "FQDN='legacy.example")
                .filteredOn(line -> line.startsWith("touch")).as("only the quoted word's second line, which its quote closes")
                .containsExactly("touch /tmp/owned'");
        Process syntax = new ProcessBuilder("bash", "-n").start();
        syntax.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        syntax.getOutputStream().close();
        assertThat(syntax.waitFor()).isZero();
    }
}
