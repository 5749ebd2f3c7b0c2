package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A failed sign-in tells an attacker nothing about the account: the same answer, and the same time, whether the
 * name is unknown, the password wrong, or the account locked or disabled (the password hash is computed for every
 * attempt). Each group of attempts comes from an address of its own (127.0.0.3 to .15), so that no group reaches the
 * per-address limit of failed sign-ins, which refuses early (unless it tests that limit), and none counts against the
 * other tests' address. Attempts sent at once count as many failures as attempts sent one by one.
 */
class AdminSignInIT {

    /** {@code ADMIN_LOGIN_IP_MAX_FAILURES} as the shared server has it (the default). */
    private static final int ADDRESS_LIMIT = 20;

    @Test
    void tenWrongPasswordsSentAtOnceLockTheAccount() throws Exception {
        String target = "parallel" + System.nanoTime() % 100000;
        assertThat(Fleet.adminSession().post("/admin/api/users", json("username", target, "role", "viewer", "password",
                "Initial-pass-2026")).status()).isEqualTo(200);

        List<HttpResult> guesses = atOnce(10, 1, i -> login("127.0.0.8", target, "wrong-password-" + i));
        assertThat(guesses).extracting(HttpResult::status).containsOnly(401);

        HttpResult rightPassword = login("127.0.0.9", target, "Initial-pass-2026");
        assertThat(rightPassword.status()).as("5 of the 10 failures lock the account: " + rightPassword.body()).isEqualTo(401);
    }

    @Test
    void aBurstFromOneAddressHasNoMorePasswordsCheckedThanTheLimit() throws Exception {
        String caller = "127.0.0.10";
        long run = System.nanoTime() % 100000;
        List<HttpResult> burst = atOnce(6, 5, i -> login(caller, "burst" + run + "-" + i, "wrong-password-" + i));
        assertThat(burst).extracting(HttpResult::status).containsOnly(401);

        long checked = Rows.count("SELECT COUNT(*) FROM admin_audit WHERE action = 'login' AND client_ip = ? "
                + "AND JSON_VALUE(after_state, '$.reason') <> 'ip_rate_limited'", caller);
        assertThat(checked).as("sign-ins evaluated before the address was refused").isEqualTo(ADDRESS_LIMIT);
    }

    @Test
    void fortySignInsAtOnceAreEachAnsweredAndTheServerSignsInTheNext() throws Exception {
        String target = "crowd" + System.nanoTime() % 100000;
        assertThat(Fleet.adminSession().post("/admin/api/users", json("username", target, "role", "viewer", "password",
                "Initial-pass-2026")).status()).isEqualTo(200);

        List<HttpResult> crowd = atOnce(40, 1, i -> login("127.0.0." + (11 + i % 4), "crowd-unknown-" + i, "wrong-password-" + i));

        assertThat(crowd).extracting(HttpResult::status).as("each password hash holds 19 MiB while it runs").isSubsetOf(401, 503);
        assertThat(crowd).filteredOn(answer -> answer.status() == 503)
                .allSatisfy(busy -> assertThat(busy.json().getString("code")).isEqualTo("sign_in_busy"));
        assertThat(login("127.0.0.15", target, "Initial-pass-2026").status()).isEqualTo(200);
    }

    @Test
    void aClientsOwnForwardedForLineBeforeTheProxysDoesNotDodgeTheAddressLimit() {
        String caller = "198.51.100." + (1 + System.nanoTime() % 250);
        long run = System.nanoTime() % 100000;
        for (int i = 0; i <= ADDRESS_LIMIT; i++) {
            // The client's made-up line first, the line the trusted proxy added after it: the proxy saw the caller.
            Map<String, String> headers = Map.of("Content-Type", "application/json",
                    "X-Forwarded-For", "203.0.113." + (i + 1) + "\r\nX-Forwarded-For: " + caller);
            RawHttp.send(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/admin/api/session/login", headers,
                    json("username", "forwarded" + run + "-" + i, "password", "wrong-password-" + i));
        }
        long refused = Rows.count("SELECT COUNT(*) FROM admin_audit WHERE action = 'login' AND client_ip = ? "
                + "AND JSON_VALUE(after_state, '$.reason') = 'ip_rate_limited'", caller);
        assertThat(refused).as("attempt 21 from one address is refused, whatever the client wrote").isOne();
    }

    @Test
    void lockedDisabledAndUnknownAccountsTakeAsLongAsAWrongPassword() {
        AdminSession boss = Fleet.adminSession();
        String baseline = "baseline" + System.nanoTime() % 100000;
        String locked = "locked" + System.nanoTime() % 100000;
        String disabled = "disabled" + System.nanoTime() % 100000;
        for (String name : List.of(baseline, locked, disabled)) {
            assertThat(boss.post("/admin/api/users", json("username", name, "role", "viewer", "password", "Initial-pass-2026"))
                    .status()).isEqualTo(200);
        }
        long disabledId = Fleet.admin("GET", "/admin/api/users", null).data().getJsonArray("users").stream()
                .map(u -> u.asJsonObject()).filter(u -> u.getString("username").equals(disabled)).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        boss.send("PUT", "/admin/api/users/" + disabledId, json("enabled", false), true);
        for (int i = 0; i < 5; i++) {
            attempt("127.0.0.3", locked, "wrong-password-" + i);
        }

        long wrongPassword = median(() -> attempt("127.0.0.4", baseline, "wrong-password-x"));
        long lockedAccount = median(() -> attempt("127.0.0.5", locked, "Initial-pass-2026"));
        long disabledAccount = median(() -> attempt("127.0.0.6", disabled, "Initial-pass-2026"));
        long unknownAccount = median(() -> attempt("127.0.0.7", "nobody-" + System.nanoTime(), "whatever-password"));

        System.out.printf("Sign-in refusals, median ms: wrong password %d, locked %d, disabled %d, unknown %d%n", wrongPassword,
                lockedAccount, disabledAccount, unknownAccount);
        for (long refusal : List.of(lockedAccount, disabledAccount, unknownAccount)) {
            assertThat(refusal).as("a refusal without the hash would answer several times faster")
                    .isGreaterThanOrEqualTo(wrongPassword * 2 / 5);
        }
    }

    private static long attempt(String caller, String user, String password) {
        long started = System.nanoTime();
        HttpResult answer = login(caller, user, password);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().getString("message")).isEqualTo("Invalid username or password");
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static HttpResult login(String caller, String user, String password) {
        return RawHttp.send(caller, Fleet.server().port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), json("username", user, "password", password));
    }

    /**
     * {@code senders} callers released together by a barrier, each sending {@code each} requests one after the other,
     * so that {@code senders} requests are in flight at any time.
     */
    private static List<HttpResult> atOnce(int senders, int each, IntFunction<HttpResult> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService callers = Executors.newFixedThreadPool(senders);
        try {
            List<Future<List<HttpResult>>> answers = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                answers.add(callers.submit(() -> {
                    start.await();
                    List<HttpResult> results = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        results.add(request.apply(sender * each + i));
                    }
                    return results;
                }));
            }
            List<HttpResult> results = new ArrayList<>();
            for (Future<List<HttpResult>> answer : answers) {
                results.addAll(answer.get());
            }
            return results;
        } finally {
            callers.shutdownNow();
        }
    }

    private static long median(java.util.function.LongSupplier attempt) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(attempt.getAsLong());
        }
        Collections.sort(times);
        return times.get(2);
    }
}
