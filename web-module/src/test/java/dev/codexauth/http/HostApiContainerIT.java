package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged host WAR in a real Payara Micro on the real database: resource → EJB → JPA → MariaDB, the error
 * mapping and the kill switch as a host sees them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostApiContainerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive hostWar() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("warFile")))
                .as(WebArchive.class);
    }

    @Test
    void versionsComesFromTheMigratedDatabase() throws Exception {
        execute("INSERT INTO versions (name, version, updated_at) VALUES ('quota_limit_percent', '90', '2026-11-23T10:00:00+00:00'),"
                + " ('client_version_lock', 'v0.63.0', '2026-11-23T10:00:00+00:00')");
        execute("INSERT INTO hosts (fqdn, api_key, api_key_hash, client_version, created_at, updated_at) VALUES"
                + " ('a.example.com', REPEAT('a', 64), REPEAT('a', 64), '0.9.0', '2026-11-23T10:00:00+00:00', '2026-11-23T10:00:00+00:00'),"
                + " ('b.example.com', REPEAT('b', 64), REPEAT('b', 64), '0.10.1', '2026-11-23T10:00:00+00:00', '2026-11-23T10:00:00+00:00')");

        HttpResponse<String> response = send("GET", "versions", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.getString("status")).isEqualTo("ok");
        JsonObject data = body.getJsonObject("data");
        assertThat(data.getInt("quota_limit_percent")).isEqualTo(90);
        assertThat(data.getBoolean("quota_hard_fail")).isTrue();
        assertThat(data.getString("client_version")).isEqualTo("v0.63.0");
        assertThat(data.getString("client_version_source")).isEqualTo("locked");
        assertThat(data.getString("reported_client_version")).isEqualTo("0.10.1");
        assertThat(data.getString("wrapper_url")).isEqualTo("/wrapper/download");
        assertThat(data.isNull("installation_id")).as("withheld from anonymous callers").isTrue();
    }

    @Test
    void clientMistakesGetJsonErrorsNeverAStackTrace() throws Exception {
        HttpResponse<String> unknown = send("GET", "no/such/route", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).getString("message")).isEqualTo("Route not found");

        HttpResponse<String> badJson = send("POST", "seed/auth/00000000-0000-4000-8000-000000000000", "{\"command\":");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).getString("message")).isEqualTo("Invalid JSON payload");
        assertThat(json(badJson).getString("code")).isEqualTo("invalid_json");

        HttpResponse<String> wrongMethod = send("DELETE", "versions", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(json(wrongMethod).getString("code")).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void killSwitchAnswers503UntilSwitchedBack() throws Exception {
        execute("INSERT INTO versions (name, version, updated_at) VALUES ('api_disabled', 'yes', '2026-11-23T10:00:00+00:00')");
        try {
            HttpResponse<String> disabled = send("GET", "versions", null);
            assertThat(disabled.statusCode()).isEqualTo(503);
            assertThat(json(disabled).getString("message")).isEqualTo("API disabled by administrator");
        } finally {
            execute("DELETE FROM versions WHERE name = 'api_disabled'");
        }
        assertThat(send("GET", "versions", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = MicroTestEnvironment.database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
