package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void aDataDirectoryUnderTheTemporaryDirectoryIsRefusedBeforeMariaDbCanWipeIt() {
        Path underTemp = Path.of(System.getProperty("java.io.tmpdir"), "codex-auth-data");
        assertThatThrownBy(() -> EmbeddedDatabase.refuseTemporaryLocation(underTemp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATA_DIR " + underTemp)
                .hasMessageContaining("wipes");
    }

    @Test
    void aDataDirectoryElsewhereIsAccepted() {
        Path home = Path.of(System.getProperty("user.home"), ".codex-auth-central");
        assertThatCode(() -> EmbeddedDatabase.refuseTemporaryLocation(home)).doesNotThrowAnyException();
    }
}
