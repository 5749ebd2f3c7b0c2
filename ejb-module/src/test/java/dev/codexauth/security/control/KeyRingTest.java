package dev.codexauth.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String OLD = KeyRing.generateKey();
    private static final String NEW = KeyRing.generateKey();

    @Test
    void newValuesCarryTheActiveKeyIdAndOpen() {
        KeyRing ring = KeyRing.fromSettings(null, "k1:" + OLD + ",k2:" + NEW, null, null);

        String sealed = ring.seal("host key");

        assertThat(sealed).startsWith("sbox:v2:k2:");
        assertThat(ring.open(sealed)).isEqualTo(new KeyRing.Opened("host key", false));
        assertThat(ring.seal("host key")).as("a fresh nonce per value").isNotEqualTo(sealed);
    }

    @Test
    void rotationKeepsOldValuesReadableAndMarksThemForReencryption() {
        String sealedWithOld = KeyRing.fromSettings(null, "k1:" + OLD, null, null).seal("canonical auth");
        KeyRing rotated = KeyRing.fromSettings(null, "k1:" + OLD + "\nk2:" + NEW, "k2", null);

        KeyRing.Opened opened = rotated.open(sealedWithOld);

        assertThat(opened.plaintext()).isEqualTo("canonical auth");
        assertThat(opened.stale()).isTrue();
        assertThat(rotated.open(rotated.seal("canonical auth")).stale()).isFalse();
    }

    @Test
    void aRemovedKeyIsALoudErrorNotMissingData() {
        String sealedWithOld = KeyRing.fromSettings(null, "k1:" + OLD, null, null).seal("secret");
        KeyRing withoutOld = KeyRing.fromSettings(null, "k2:" + NEW, null, null);

        assertThatThrownBy(() -> withoutOld.open(sealedWithOld))
                .isInstanceOf(UndecryptableValueException.class).hasMessageContaining("k1");
        assertThatThrownBy(() -> withoutOld.open("sbox:v1:" + "A".repeat(80)))
                .isInstanceOf(UndecryptableValueException.class);
        assertThatThrownBy(() -> withoutOld.open("sbox:v2:k2:not-base64!"))
                .isInstanceOf(UndecryptableValueException.class);
    }

    @Test
    void originalFormatCanStillBeWrittenForARollbackPeriod() {
        KeyRing ring = KeyRing.fromSettings(OLD, null, null, "v1");

        String sealed = ring.seal("api key");

        assertThat(sealed).startsWith("sbox:v1:").doesNotStartWith("sbox:v1:legacy");
        assertThat(ring.open(sealed)).isEqualTo(new KeyRing.Opened("api key", false));
    }

    @Test
    void plaintextFromTheOriginalIsReturnedAndFlagged() {
        KeyRing ring = KeyRing.fromSettings(OLD, null, null, null);

        assertThat(ring.open("plain-token")).isEqualTo(new KeyRing.Opened("plain-token", true));
    }

    @Test
    void misconfigurationStopsStartWithAnActionableMessage() {
        assertThatThrownBy(() -> KeyRing.fromSettings(null, null, null, null))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> KeyRing.fromSettings("c2hvcnQ=", null, null, null))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("exactly 32 bytes");
        assertThatThrownBy(() -> KeyRing.fromSettings(OLD, null, "k9", null))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("k9");
        assertThatThrownBy(() -> KeyRing.fromSettings(null, "k1:" + OLD, null, "v1"))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("legacy");
    }

    @Test
    void oneIdGivenTwoKeysStopsStartInsteadOfLosingWhatTheOtherSealed() {
        assertThatThrownBy(() -> KeyRing.fromSettings(null, "k1:" + OLD + "\nk1:" + NEW, null, null))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("'k1' is given twice");
        assertThatThrownBy(() -> KeyRing.fromSettings(OLD, "legacy:" + NEW, null, null))
                .isInstanceOf(KeyConfigurationException.class).hasMessageContaining("'legacy' is given twice");
        String sealed = KeyRing.fromSettings(OLD, null, null, null).seal("x");
        assertThat(KeyRing.fromSettings(OLD, "legacy:" + OLD, null, null).open(sealed).plaintext()).as("the same key twice is no conflict")
                .isEqualTo("x");
    }
}
