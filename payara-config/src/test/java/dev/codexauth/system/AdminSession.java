package dev.codexauth.system;

import java.util.LinkedHashMap;
import java.util.Map;

/** A signed-in browser-like admin session: the session cookie and the CSRF token it must echo on changes. */
public final class AdminSession {

    private final String cookie;
    private String csrf;

    private AdminSession(String cookie) {
        this.cookie = cookie;
    }

    public static AdminSession signIn(String user, String password) {
        HttpResult login = RawHttp.send("127.0.0.1", Fleet.server().port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), Fleet.json("username", user, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + login);
        }
        AdminSession session = new AdminSession(login.cookies());
        session.csrf = login.data().getString("csrf_token");
        return session;
    }

    public static HttpResult attempt(String user, String password) {
        return RawHttp.send("127.0.0.1", Fleet.server().port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), Fleet.json("username", user, "password", password));
    }

    public HttpResult get(String path) {
        return RawHttp.send("127.0.0.1", Fleet.server().port(), "GET", path, Map.of("Cookie", cookie), null);
    }

    public HttpResult post(String path, String body) {
        return send("POST", path, body, true);
    }

    /** A changing request with or without the CSRF header, to test the check. */
    public HttpResult send(String method, String path, String body, boolean withCsrf) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", cookie);
        headers.put("Content-Type", "application/json");
        if (withCsrf) {
            headers.put("X-CSRF-Token", csrf);
        }
        return RawHttp.send("127.0.0.1", Fleet.server().port(), method, path, headers, body);
    }
}
