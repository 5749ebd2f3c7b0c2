package dev.codexauth.auth.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.host.control.HostBlock;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.host.entity.Host;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which retrieves the in-memory answer may take: only those the full path would answer "valid" without a write. */
class SteadyHostTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final RequestOrigin ORIGIN = new RequestOrigin("http", "auth.example:8080", null, null);
    private static final String DIGEST = "a".repeat(64);
    private static final String LAST_REFRESH = "2026-12-01T10:00:00.000000000Z";

    private final SteadyHost steady = steadyHost(NOW.plusSeconds(30));

    @Test
    void theCanonicalDigestFromTheBoundAddressWithKnownVersionsIsServed() {
        assertThat(steady.serves(retrieve(DIGEST, "codex-cli 0.63.0", "2026.11.23-01"), "192.0.2.10", ORIGIN, NOW)).isTrue();
        assertThat(steady.serves(retrieve(DIGEST, null, null), "192.0.2.10", ORIGIN, NOW)).as("versions not reported").isTrue();
    }

    @Test
    void anythingTheFullPathWouldDecideOrWriteIsNot() {
        assertThat(steady.serves(retrieve("b".repeat(64), null, null), "192.0.2.10", ORIGIN, NOW)).as("another digest").isFalse();
        assertThat(steady.serves(retrieve(DIGEST, "codex-cli 0.64.0", null), "192.0.2.10", ORIGIN, NOW)).as("new client").isFalse();
        assertThat(steady.serves(retrieve(DIGEST, null, "2026.12.01-01"), "192.0.2.10", ORIGIN, NOW)).as("new wrapper").isFalse();
        assertThat(steady.serves(retrieve(DIGEST, null, null), "192.0.2.11", ORIGIN, NOW)).as("another address").isFalse();
        assertThat(steady.serves(retrieve(DIGEST, null, null), "192.0.2.10",
                new RequestOrigin("https", "auth.example", null, null), NOW)).as("another origin").isFalse();
        assertThat(steady.serves(retrieve(DIGEST, null, null), "192.0.2.10", ORIGIN, NOW.plusSeconds(30)))
                .as("sync state or activity due for a write").isFalse();
        assertThat(steady.serves(new AuthRequest(true, null, null, null, null, null, null), "192.0.2.10", ORIGIN, NOW))
                .as("a store").isFalse();
    }

    @Test
    void anUnsettledHostIsNeverServed() {
        assertThat(steadyHost(Instant.EPOCH).serves(retrieve(DIGEST, null, null), "192.0.2.10", ORIGIN, NOW)).isFalse();
    }

    private static AuthRequest retrieve(String digest, String clientVersion, String wrapperVersion) {
        return new AuthRequest(false, digest, LAST_REFRESH, null, clientVersion, wrapperVersion, null);
    }

    private static SteadyHost steadyHost(Instant writesDueAt) {
        Host host = new Host();
        host.setIp("192.0.2.10");
        host.setClientVersion("codex-cli 0.63.0");
        host.setWrapperVersion("2026.11.23-01");
        StoredCanonical canonical = new StoredCanonical(7, new Canonical(null, new byte[0], DIGEST, LAST_REFRESH), null, NOW);
        return new SteadyHost(host, canonical, HostBlock.of(host), ORIGIN, writesDueAt, "installation", null, null, null, null);
    }
}
