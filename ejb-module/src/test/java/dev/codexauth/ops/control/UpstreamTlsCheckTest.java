package dev.codexauth.ops.control;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamTlsCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://auth.openai.com", "HTTPS://console.anthropic.com/v1/oauth/token", "http://127.0.0.1:8089/oauth",
            "http://localhost:9000", "http://[::1]:9000/backend-api/wham/usage", "http://127.7.0.1"})
    void tlsOrThisMachineIsAccepted(String url) {
        assertThatCode(() -> UpstreamTlsCheck.requireTls("CHATGPT_BASE_URL", url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://auth.openai.com", "http://10.0.0.5/token", "http://cafe/token", "http://localhost.example.com/",
            "ftp://127.0.0.1/x", "https:///nohost", "not a url", "//auth.openai.com/token", "http://[::ffff:10.0.0.5]/"})
    void plainHttpElsewhereIsRefusedNamingTheSetting(String url) {
        assertThatThrownBy(() -> UpstreamTlsCheck.requireTls("CODEX_OAUTH_ISSUER", url))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("CODEX_OAUTH_ISSUER ");
    }
}
