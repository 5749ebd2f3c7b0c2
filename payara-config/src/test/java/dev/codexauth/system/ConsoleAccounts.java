package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

/** New admin accounts for the browser tests, signed in through the console as a person would. */
final class ConsoleAccounts {

    static final String FIRST_PASSWORD = "first-Console-pass-2026";
    static final String OWN_PASSWORD = "own-Console-pass-2026!";

    private ConsoleAccounts() {
    }

    /** A new account signed in for the first time: its forced password change done, on the dashboard. */
    static String signedInFirstTime(ConsoleBrowser browser, String role) {
        String name = newUser(role);
        browser.open("/admin/login.xhtml");
        signIn(browser, name, FIRST_PASSWORD);
        browser.awaitPath("/admin/password.xhtml");
        changePassword(browser);
        browser.awaitPath("/admin/dashboard.xhtml");
        return name;
    }

    /** A new account with a first password that must be changed at first sign-in. */
    static String newUser(String role) {
        String name = "console-" + role + "-" + System.nanoTime() % 1_000_000;
        HttpResult created = Fleet.admin("POST", "/admin/api/users", json("username", name, "role", role, "password", FIRST_PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return name;
    }

    static void signIn(ConsoleBrowser browser, String name, String password) {
        browser.type("signIn:username", name);
        browser.type("signIn:password", password);
        browser.click("signIn:submit");
    }

    static void changePassword(ConsoleBrowser browser) {
        browser.type("password:current", FIRST_PASSWORD);
        browser.type("password:replacement", OWN_PASSWORD);
        browser.type("password:repeat", OWN_PASSWORD);
        browser.click("password:change");
    }
}
