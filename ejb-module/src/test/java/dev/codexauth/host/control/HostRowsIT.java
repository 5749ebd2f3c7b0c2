package dev.codexauth.host.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.db.TestDatabase;
import dev.codexauth.host.entity.Host;
import dev.codexauth.security.control.Hashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HostRows} reads a host as JPA does: the same rows loaded through Hibernate (with the persistence unit's time
 * settings) and through the JDBC read are equal field by field, with every column set and with every nullable
 * column empty, whatever the JVM's own time zone; many keys are read together, more than one statement holds.
 */
class HostRowsIT {

    private static final String FULL_KEY = "k".repeat(64);
    private static final String SPARSE_KEY = "s".repeat(64);

    private static TestDatabase db;
    private static SessionFactory hibernate;
    private static HostRows rows;

    @BeforeAll
    static void hostsWrittenByTheOriginal() throws Exception {
        db = TestDatabase.create("hostrows");
        new DatabaseMigrator(db.dataSource()).migrate();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO hosts (fqdn, api_key, api_key_hash, api_key_enc, status, secure, allow_roaming_ips,"
                    + " last_refresh, auth_digest, ip, client_version, wrapper_version, api_calls, created_at, updated_at,"
                    + " client_version_override, insecure_enabled_until, insecure_grace_until, insecure_window_minutes, force_ipv4,"
                    + " curl_insecure, expires_at, vip, model_override, reasoning_effort_override) VALUES ('full.fleet.test',"
                    + " '" + "a".repeat(64) + "', '" + Hashes.sha256Hex(FULL_KEY) + "', 'sealed-copy', 'active', 0, 1,"
                    + " '2026-11-19T09:27:43Z', 'digest-1', '203.0.113.7', '0.169.0', '2026.12.01', 4321,"
                    // the original's legacy forms next to the server's own
                    + " '2025-03-01 08:00:00', '2026-12-01T10:11:12+00:00', '0.168.0', '2026-12-06 09:30:00',"
                    + " '2026-12-06 10:00:59', 45, 1, 1, '2026-12-06T12:00:00.123456Z', 1, 'gpt-5.1-codex', 'high')");
            statement.executeUpdate("INSERT INTO hosts (fqdn, api_key, api_key_hash, created_at, updated_at) VALUES"
                    + " ('sparse.fleet.test', '" + "b".repeat(64) + "', '" + Hashes.sha256Hex(SPARSE_KEY) + "',"
                    + " 'not a time', '2026-12-01T10:11:12+00:00')");
        }
        Configuration configuration = new Configuration().addAnnotatedClass(Host.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource());
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        hibernate = configuration.buildSessionFactory();
        rows = new HostRows();
        rows.dataSource = db.dataSource();
    }

    @AfterAll
    static void drop() {
        hibernate.close();
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Kolkata", "America/Los_Angeles"})
    void everyColumnReadsAsJpaReadsIt(String jvmZone) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
        try {
            for (String key : new String[] {FULL_KEY, SPARSE_KEY}) {
                Host read = rows.byKey(key).orElseThrow();
                assertThat(read).usingRecursiveComparison().isEqualTo(throughJpa(key));
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void theFullRowHasEveryFieldSetAndAnUnknownKeyIsEmpty() {
        Host full = rows.byKey(FULL_KEY).orElseThrow();
        assertThat(full).hasNoNullFieldsOrProperties();
        assertThat(full.getInsecureWindowMinutes()).isEqualTo(45);
        assertThat(rows.byKey("u".repeat(64))).isEmpty();
        assertThat(rows.byKey(Hashes.sha256Hex(FULL_KEY))).as("a stored hash is not a key").isEmpty();
    }

    @Test
    void manyKeysAreReadTogetherAcrossStatementsAndAnUnknownHashIsAbsent() throws Exception {
        int many = HostRows.HASHES_PER_STATEMENT + 20;
        List<String> hashes = new ArrayList<>();
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO hosts (fqdn, api_key, api_key_hash,"
                     + " created_at, updated_at) VALUES (?, ?, ?, '2026-12-01T10:11:12Z', '2026-12-01T10:11:12Z')")) {
            for (int i = 0; i < many; i++) {
                String hash = Hashes.sha256Hex("many-" + i);
                insert.setString(1, "many-" + i + ".fleet.test");
                insert.setString(2, String.format("%064d", i));
                insert.setString(3, hash);
                insert.addBatch();
                hashes.add(hash);
            }
            insert.executeBatch();
        }
        hashes.add(Hashes.sha256Hex(FULL_KEY));
        hashes.add(Hashes.sha256Hex("nobody"));

        Map<String, Host> read = rows.byKeyHashes(hashes);

        assertThat(read).hasSize(many + 1).doesNotContainKey(Hashes.sha256Hex("nobody"));
        assertThat(read.get(Hashes.sha256Hex("many-" + (many - 1))).getFqdn()).isEqualTo("many-" + (many - 1) + ".fleet.test");
        assertThat(read.get(Hashes.sha256Hex(FULL_KEY))).usingRecursiveComparison().isEqualTo(throughJpa(FULL_KEY));
    }

    private static Host throughJpa(String key) {
        try (Session session = hibernate.openSession()) {
            return session.createQuery("SELECT h FROM Host h WHERE h.apiKeyHash = :hash", Host.class)
                    .setParameter("hash", Hashes.sha256Hex(key)).getSingleResult();
        }
    }
}
