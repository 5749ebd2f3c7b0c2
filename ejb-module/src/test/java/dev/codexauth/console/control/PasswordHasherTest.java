package dev.codexauth.console.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void aHashVerifiesOnlyItsOwnPassword() {
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
        String stored = hasher.hash("Correct-horse-2026");
        assertThat(hasher.verify("Correct-horse-2026", stored)).isTrue();
        assertThat(hasher.verify("correct-horse-2026", stored)).isFalse();
    }

    @Test
    void whenAsManyHashesRunAsMayTheNextIsTurnedAwayAfterItsWait() {
        Semaphore noneFree = new Semaphore(0);
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1, noneFree, Duration.ofMillis(20));
        assertThatThrownBy(() -> hasher.hash("Correct-horse-2026")).isInstanceOfSatisfying(PasswordHasher.Busy.class, busy -> {
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.headers()).containsEntry("Retry-After", "2");
        });
        noneFree.release();
        assertThat(hasher.hash("Correct-horse-2026")).startsWith("$argon2id$");
        assertThat(noneFree.availablePermits()).as("given back after the hash").isOne();
    }
}
