package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failed sign-in tells an attacker nothing about the account: the same answer, and the same time, whether the
 * name is unknown, the password wrong, or the account locked or disabled (the password hash is computed for every
 * attempt). Each group of attempts comes from an address of its own (127.0.0.3 to .7), so that no group reaches the
 * per-address limit of failed sign-ins, which refuses early, and none counts against the other tests' address.
 */
class AdminSignInIT {


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
        HttpResult answer = RawHttp.send(caller, Fleet.server().port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), json("username", user, "password", password));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().getString("message")).isEqualTo("Invalid username or password");
        return (System.nanoTime() - started) / 1_000_000;
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
