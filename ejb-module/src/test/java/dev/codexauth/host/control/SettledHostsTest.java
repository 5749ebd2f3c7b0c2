package dev.codexauth.host.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.entity.Host;
import dev.codexauth.security.control.Hashes;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SettledHosts} keeps a steady caller's row fresh in the background: the caller never reads it in line again,
 * yet a change to the row reaches it within the freshness; an unused key is forgotten, an invalidation or a slow or
 * failing refresh never leaves an answer older than {@code SETTINGS_CACHE_MILLIS}.
 */
class SettledHostsTest {

    private static final String KEY = "k".repeat(64);
    private static final String IP = "203.0.113.7";
    private static final HostCredentials CALL = new HostCredentials(KEY, IP, null, false);
    /** With a freshness of 1,000 ms: past half of it yet fresh, with room for a slow machine's sleep; and past all of it. */
    private static final long HALF_FRESH = 550;
    private static final long TOO_OLD = 1100;

    private final Map<String, Host> table = new HashMap<>();
    private final AtomicInteger inLineReads = new AtomicInteger();
    private final AtomicInteger refreshStatements = new AtomicInteger();
    private Runnable duringRefresh = () -> { };
    private SettledHosts settled;

    @BeforeEach
    void oneSettledHost() {
        table.put(Hashes.sha256Hex(KEY), host("active"));
        settled = new SettledHosts();
        settled.cacheMillis = 1000;
        settled.activity = new HostActivityTracker() {
            @Override
            public Instant rewriteDueAt(long hostId) {
                return Instant.MAX;
            }
        };
        settled.hosts = new HostRows() {
            @Override
            public Optional<Host> byKey(String presentedKey) {
                inLineReads.incrementAndGet();
                return Optional.ofNullable(table.get(Hashes.sha256Hex(presentedKey)));
            }

            @Override
            public Map<String, Host> byKeyHashes(Collection<String> keyHashes) {
                refreshStatements.incrementAndGet();
                duringRefresh.run();
                Map<String, Host> found = new HashMap<>();
                keyHashes.stream().filter(table::containsKey).forEach(hash -> found.put(hash, table.get(hash)));
                return found;
            }
        };
    }

    @Test
    void aSteadyCallerIsReadInTheBackgroundAndSeesAChangeWithoutReadingInLine() throws Exception {
        assertThat(settled.settled(CALL)).isPresent();
        for (int round = 0; round < 4; round++) {
            Thread.sleep(HALF_FRESH);
            assertThat(settled.settled(CALL)).isPresent();
            settled.refresh();
        }
        table.put(Hashes.sha256Hex(KEY), host("disabled"));
        Thread.sleep(HALF_FRESH);
        assertThat(settled.settled(CALL)).as("answered from memory until the next refresh").isPresent();
        settled.refresh();

        assertThat(settled.settled(CALL)).as("the disabled host takes the full path").isEmpty();
        assertThat(inLineReads).as("only the first call read its row").hasValue(1);
        assertThat(refreshStatements).hasValue(5);
    }

    @Test
    void aKeyNobodyUsedIsNotReadAgainAndIsForgottenOnceTooOld() throws Exception {
        settled.settled(CALL);
        Thread.sleep(HALF_FRESH);
        settled.refresh();
        assertThat(refreshStatements).as("not used since it was read").hasValue(0);

        Thread.sleep(TOO_OLD);
        settled.refresh();
        table.put(Hashes.sha256Hex(KEY), host("disabled"));
        assertThat(settled.settled(CALL)).isEmpty();
        assertThat(inLineReads).hasValue(2);
    }

    @Test
    void aReadYoungerThanHalfItsFreshnessIsNotReadAgainYet() throws Exception {
        settled.settled(CALL);
        settled.settled(CALL);
        settled.refresh();
        assertThat(refreshStatements).as("read 0 ms ago").hasValue(0);

        Thread.sleep(HALF_FRESH);
        settled.refresh();
        assertThat(refreshStatements).as("still in use, now half its freshness old").hasValue(1);
    }

    @Test
    void anInvalidationDuringTheRefreshWinsOverWhatTheRefreshRead() throws Exception {
        settled.settled(CALL);
        Thread.sleep(HALF_FRESH);
        settled.settled(CALL);
        duringRefresh = () -> {
            table.put(Hashes.sha256Hex(KEY), host("disabled"));
            settled.onInvalidation(new CachesInvalidated("host disabled"));
            table.put(Hashes.sha256Hex(KEY), host("active"));
        };
        settled.refresh();
        table.put(Hashes.sha256Hex(KEY), host("disabled"));

        assertThat(settled.settled(CALL)).as("read in line after the invalidation, not from the refresh").isEmpty();
        assertThat(inLineReads).hasValue(2);
    }

    @Test
    void aRefreshSlowerThanTheFreshnessLeavesNothingToAnswerFrom() throws Exception {
        settled.settled(CALL);
        Thread.sleep(HALF_FRESH);
        settled.settled(CALL);
        duringRefresh = () -> sleep(TOO_OLD);
        settled.refresh();

        settled.settled(CALL);
        assertThat(inLineReads).as("the refreshed read was already too old when it arrived").hasValue(2);
    }

    @Test
    void aFailingRefreshLetsTheReadsAgeAsWithoutOne() throws Exception {
        settled.settled(CALL);
        Thread.sleep(HALF_FRESH);
        settled.settled(CALL);
        duringRefresh = () -> {
            throw new PersistenceException("database gone");
        };
        settled.refresh();
        assertThat(settled.settled(CALL)).as("still fresh").isPresent();
        assertThat(inLineReads).hasValue(1);

        Thread.sleep(TOO_OLD);
        table.put(Hashes.sha256Hex(KEY), host("disabled"));
        assertThat(settled.settled(CALL)).isEmpty();
        assertThat(inLineReads).hasValue(2);
    }

    private static Host host(String status) {
        Host host = new Host(7);
        host.setApiKeyHash(Hashes.sha256Hex(KEY));
        host.setStatus(status);
        host.setSecure(true);
        host.setIp(IP);
        return host;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
