package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.security.control.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Baking the cdx template (cdx.md §1.1, §1.2): version detection, every token, and values bash cannot misread. */
class WrapperBakingTest {

    private static final String NASTY = "evil\"$(touch /tmp/pwned)`id`\\ $HOME\r\nsecond line __CODEX_SYNC_API_KEY__";

    @Test
    void theBundledTemplateCarriesItsVersionLine() throws IOException {
        WrapperTemplate.Template template = bundled();
        assertThat(template.version()).matches("\\d{4}\\.\\d{2}\\.\\d{2}-\\d{2}");
        assertThat(template.sha256()).hasSize(64);
    }

    @Test
    void withoutAVersionLineTheVersionComesFromTheSha() {
        assertThat(WrapperTemplate.detectVersion("echo hi\n", "0123456789abcdef".repeat(4))).isEqualTo("auto-0123456789ab");
        assertThat(WrapperTemplate.detectVersion("WRAPPER_VERSION=\"__WRAPPER_VERSION__\"\n", "ab".repeat(32)))
                .isEqualTo("auto-abababababab");
    }

    @Test
    void everyTokenOfTheBundledTemplateIsBakedAndOptionalOnesStayForTheirRuntimeDefault() throws IOException {
        WrapperBaking.BakedWrapper baked = WrapperBaking.bake(bundled(), values("", ""));
        String script = new String(baked.body(), StandardCharsets.UTF_8);

        assertThat(script).contains("BAKED_BASE_URL=\"https://auth.example\"", "BAKED_API_KEY=\"" + "k".repeat(64) + "\"",
                "BAKED_HOST_SECURE=\"0\"", "BAKED_FORCE_IPV4=\"1\"", "BAKED_INSTALLATION_ID=\"inst-1\"", "BAKED_SILENT=\"1\"",
                "BAKED_ALLOW_INSECURE=\"1\"", "BAKED_CA_FILE=\"\"");
        assertThat(script).contains("BAKED_HOST_MODEL=\"__CODEX_HOST_MODEL__\"");
        String keyless = new String(WrapperBaking.bake(bundled(), values("", "").withoutKey()).body(), StandardCharsets.UTF_8);
        assertThat(keyless).as("hosts keep the key in a key file").contains("BAKED_API_KEY=\"\"").doesNotContain("k".repeat(64))
                .isEqualTo(script.replace("BAKED_API_KEY=\"" + "k".repeat(64) + "\"", "BAKED_API_KEY=\"\""));
        assertThat(baked.sha256()).isEqualTo(Hashes.sha256Hex(baked.body()));
    }

    @Test
    void theAnnouncedShaIsTheShaOfTheScriptAHostDownloadsFirstTimeAndRemembered() throws IOException {
        WrapperTemplate.Template template = bundled();
        WrapperBaking.HostValues laptop = values("laptop-" + System.nanoTime() + ".fleet.test", "").withoutKey();
        String announced = WrapperBaking.sha256(template, laptop);
        assertThat(announced).isEqualTo(Hashes.sha256Hex(WrapperBaking.bake(template, laptop).body()));
        assertThat(WrapperBaking.sha256(template, laptop)).as("remembered").isEqualTo(announced);

        WrapperBaking.HostValues renamed = values("desk-" + System.nanoTime() + ".fleet.test", "").withoutKey();
        assertThat(WrapperBaking.sha256(template, renamed)).isNotEqualTo(announced)
                .isEqualTo(Hashes.sha256Hex(WrapperBaking.bake(template, renamed).body()));
        WrapperTemplate.Template edited = WrapperTemplate.describe((template.text() + "\n# edited\n").getBytes(StandardCharsets.UTF_8),
                FileTime.from(Instant.now()));
        assertThat(WrapperBaking.sha256(edited, laptop)).as("a new template").isNotEqualTo(announced)
                .isEqualTo(Hashes.sha256Hex(WrapperBaking.bake(edited, laptop).body()));
    }

    @Test
    void aBakedValueIsReadBackByBashAsItWasWithoutItsLineBreaks() throws Exception {
        WrapperTemplate.Template template = WrapperTemplate.describe(
                "#!/bin/bash\nFQDN=\"__CODEX_SYNC_FQDN__\"\nMODEL=\"__CODEX_HOST_MODEL__\"\nprintf '%s|%s' \"$FQDN\" \"$MODEL\"\n"
                        .getBytes(StandardCharsets.UTF_8), FileTime.from(Instant.now()));
        String script = new String(WrapperBaking.bake(template, values(NASTY, "m$(id)")).body(), StandardCharsets.UTF_8);

        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(NASTY.replace("\r", "").replace("\n", "") + "|m$(id)");
    }

    @Test
    void onlyAWrapperOlderThanKeyFilesIsAnnouncedTheCopyWithItsKey() throws IOException {
        assertThat(Wrappers.predatesKeyFiles("2026.11.23-01")).isTrue();
        assertThat(Wrappers.predatesKeyFiles(Wrappers.FIRST_KEY_FILE_VERSION)).isFalse();
        assertThat(Wrappers.predatesKeyFiles("2027.01.01-01")).isFalse();
        assertThat(Wrappers.predatesKeyFiles(null)).isFalse();
        assertThat(Wrappers.predatesKeyFiles("auto-0123456789ab")).isFalse();
        assertThat(bundled().version()).as("the bundled wrapper reads key files").isGreaterThanOrEqualTo(Wrappers.FIRST_KEY_FILE_VERSION);
    }

    private static WrapperBaking.HostValues values(String fqdn, String model) {
        return new WrapperBaking.HostValues("https://auth.example", "k".repeat(64), fqdn, false, true, "inst-1", true, true, model, "");
    }

    private static WrapperTemplate.Template bundled() throws IOException {
        try (InputStream in = WrapperTemplate.class.getResourceAsStream(WrapperTemplate.BUNDLED)) {
            return WrapperTemplate.describe(in.readAllBytes(), FileTime.from(Instant.now()));
        }
    }
}
