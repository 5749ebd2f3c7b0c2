package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void aLoggedPathKeepsTokensOutAndStaysOneLine() {
        assertThat(Redaction.path("install/0f6c2b9e-5b1d-4a7e-9f3a-2f1d4e5c6b7a")).isEqualTo("install/0f6c2b9e…");
        assertThat(Redaction.path("versions\n2026-12-07 INFO admin signed in\r")).isEqualTo("versions?2026-12-07 INFO admin signed in?");
    }
}
