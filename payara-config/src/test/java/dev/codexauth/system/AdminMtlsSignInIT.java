package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ADMIN_ACCESS_MODE=mtls}: the certificate is checked before the password, so a caller without one learns
 * nothing about the password, changes nothing on the account, and is still in the audit trail.
 */
class AdminMtlsSignInIT {

    private static final String FINGERPRINT = "ab".repeat(32);

    @Test
    void withoutACertificateTheRightPasswordIsAnsweredLikeAWrongOneAndAudited() throws Exception {
        try (TestDatabase database = TestDatabase.create("mtls_sign_in")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("ADMIN_ACCESS_MODE", "mtls");
            settings.put("TRUSTED_PROXIES", Fleet.TRUSTED_PROXY);
            settings.put("ADMIN_MTLS_FINGERPRINTS", FINGERPRINT);
            try (RunningServer server = RunningServer.start("mtls-sign-in", settings)) {
                HttpResult right = login(server, "127.0.0.1", Map.of(), Fleet.BOOTSTRAP_PASSWORD);
                HttpResult wrong = login(server, "127.0.0.1", Map.of(), "wrong-password-1");

                assertThat(right.status()).as(right.body()).isEqualTo(403);
                assertThat(right.json().getString("code")).isEqualTo("mtls_required");
                assertThat(right.status()).isEqualTo(wrong.status());
                assertThat(right.body()).isEqualTo(wrong.body());
                assertThat(refusedSignIns(database)).as("audit rows of refused sign-ins").isEqualTo(2);
                assertThat(lastLogin(database)).as("a refused sign-in records no login").isNull();

                HttpResult withCertificate = login(server, Fleet.TRUSTED_PROXY, Map.of("X-MTLS-FINGERPRINT", FINGERPRINT),
                        Fleet.BOOTSTRAP_PASSWORD);
                assertThat(withCertificate.status()).as(withCertificate.body()).isEqualTo(200);
            }
        }
    }

    private static HttpResult login(RunningServer server, String caller, Map<String, String> certificate, String password) {
        Map<String, String> headers = new HashMap<>(certificate);
        headers.put("Content-Type", "application/json");
        return RawHttp.send(caller, server.port(), "POST", "/admin/api/session/login", headers,
                json("username", "admin", "password", password));
    }

    private static long refusedSignIns(TestDatabase database) throws Exception {
        return number(database, "SELECT COUNT(*) FROM admin_audit WHERE action = 'login' AND result = 'denied' AND actor = 'admin'"
                + " AND JSON_VALUE(after_state, '$.reason') = 'mtls_required'");
    }

    private static Object lastLogin(TestDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_login_at FROM admin_users WHERE username = 'admin'")) {
            row.next();
            return row.getObject(1);
        }
    }

    private static long number(TestDatabase database, String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
