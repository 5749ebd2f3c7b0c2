package dev.codexauth.system;

import java.util.Map;

/** Admin access to a server a test starts on its own database (not the shared one), through the bootstrap account. */
final class StandaloneAdmin {

    private StandaloneAdmin() {
    }

    /**
     * Signs in as the bootstrap admin (changing the bootstrap password on a fresh database) and creates an admin API
     * token.
     */
    static String token(RunningServer server) {
        HttpResult login = signIn(server, Fleet.ADMIN_PASSWORD);
        boolean fresh = login.status() != 200;
        if (fresh) {
            login = signIn(server, Fleet.BOOTSTRAP_PASSWORD);
        }
        if (login.status() != 200) {
            throw new IllegalStateException("bootstrap sign-in failed: " + login);
        }
        String cookie = login.cookies();
        Map<String, String> session = Map.of("Cookie", cookie, "X-CSRF-Token", login.data().getString("csrf_token"),
                "Content-Type", "application/json");
        if (fresh) {
            send(server, "POST", "/admin/api/session/password", session,
                    Fleet.json("current_password", Fleet.BOOTSTRAP_PASSWORD, "new_password", Fleet.ADMIN_PASSWORD));
        }
        return send(server, "POST", "/admin/api/api-tokens", session, Fleet.json("label", "test", "role", "admin")).data()
                .getString("secret");
    }

    private static HttpResult signIn(RunningServer server, String password) {
        return send(server, "POST", "/admin/api/session/login", Map.of("Content-Type", "application/json"),
                Fleet.json("username", "admin", "password", password));
    }

    static HttpResult admin(RunningServer server, String token, String method, String path, String body) {
        return send(server, method, path, body == null ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
    }

    static HttpResult send(RunningServer server, String method, String path, Map<String, String> headers, String body) {
        return RawHttp.send("127.0.0.1", server.port(), method, path, headers, body);
    }
}
