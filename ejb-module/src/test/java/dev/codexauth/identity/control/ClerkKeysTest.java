package dev.codexauth.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How often the Clerk JWKS is fetched, and who waits for it: against a local server that fails or answers slowly, and counts. */
class ClerkKeysTest {

    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().keyID("key-1").build());

    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer clerk;

    @BeforeEach
    void failingClerk() throws Exception {
        clerk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clerk.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        clerk.start();
    }

    @AfterEach
    void stopClerk() {
        clerk.stop(0);
    }

    @Test
    void whileTheJwksCannotBeLoadedRequestsDoNotEachFetchIt() {
        ClerkKeys keys = new ClerkKeys(jwksUrl(), Duration.ofSeconds(10), Duration.ofHours(1), System::nanoTime);

        for (int request = 0; request < 3; request++) {
            assertThatThrownBy(() -> keys.get(ANY_KEY, null)).isInstanceOf(KeySourceException.class);
        }

        assertThat(fetches).hasValue(1);
    }

    @Test
    void aFailedFetchIsTriedAgainAfterTheBackoff() {
        AtomicLong nanos = new AtomicLong();
        ClerkKeys keys = new ClerkKeys(jwksUrl(), Duration.ofSeconds(10), Duration.ofHours(1), nanos::get);
        assertThatThrownBy(() -> keys.get(ANY_KEY, null)).isInstanceOf(KeySourceException.class);

        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThatThrownBy(() -> keys.get(ANY_KEY, null)).isInstanceOf(KeySourceException.class);
        assertThat(fetches).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThatThrownBy(() -> keys.get(ANY_KEY, null)).isInstanceOf(KeySourceException.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void requestsArrivingDuringTheFirstFetchWaitForItInsteadOfBeingRefused() throws Exception {
        String jwks = new JWKSet(new RSAKeyGenerator(2048).keyID("key-1").generate().toPublicJWK()).toString();
        AtomicInteger slowFetches = new AtomicInteger();
        clerk.createContext("/slow/jwks.json", exchange -> {
            slowFetches.incrementAndGet();
            sleep(500);
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ClerkKeys keys = new ClerkKeys(jwksUrl().replace("/.well-known/", "/slow/"), Duration.ofSeconds(10), Duration.ofHours(1),
                System::nanoTime);

        CompletableFuture<List<JWK>> first = CompletableFuture.supplyAsync(() -> select(keys));
        sleep(150);
        List<JWK> second = select(keys);

        assertThat(second).as("the second request, which arrived while the first fetched").hasSize(1);
        assertThat(first.get()).hasSize(1);
        assertThat(slowFetches).hasValue(1);
    }

    private static List<JWK> select(ClerkKeys keys) {
        try {
            return keys.get(ANY_KEY, null);
        } catch (KeySourceException refused) {
            throw new IllegalStateException(refused);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + clerk.getAddress().getPort() + "/.well-known/jwks.json";
    }
}
