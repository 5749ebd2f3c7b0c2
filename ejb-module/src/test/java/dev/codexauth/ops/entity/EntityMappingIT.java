package dev.codexauth.ops.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.db.TestDatabase;
import dev.codexauth.host.entity.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entity of the persistence unit maps onto the Flyway schema (Hibernate's schema validation against a
 * freshly migrated database), and values written through JPA read back as the original's columns expect them.
 */
class EntityMappingIT {

    private static TestDatabase db;
    private static SessionFactory sessions;

    @BeforeAll
    static void boot() throws Exception {
        db = TestDatabase.create("entities");
        new DatabaseMigrator(db.dataSource()).migrate();
        Configuration configuration = new Configuration();
        for (String entity : persistenceUnitClasses()) {
            configuration.addAnnotatedClass(Class.forName(entity));
        }
        configuration.setProperty("hibernate.connection.url", db.jdbcUrl());
        configuration.setProperty("hibernate.connection.username", db.user());
        configuration.setProperty("hibernate.connection.password", db.password());
        configuration.setProperty("hibernate.dialect", "org.hibernate.dialect.MySQLDialect");
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        configuration.setProperty("hibernate.hbm2ddl.auto", "validate");
        sessions = configuration.buildSessionFactory();
    }

    @AfterAll
    static void close() {
        if (sessions != null) {
            sessions.close();
        }
        db.close();
    }

    @Test
    void everyTableHasAnEntityAndEveryEntityValidates() throws Exception {
        assertThat(persistenceUnitClasses()).hasSize(26);
        assertThat(sessions.getMetamodel().getEntities()).hasSize(26);
    }

    @Test
    void hostRoundTripWritesTheOriginalColumnFormats() throws Exception {
        Host host = new Host();
        host.setFqdn("ci-runner-7.example.com");
        host.setApiKey("a".repeat(64));
        host.setApiKeyHash("a".repeat(64));
        host.setStatus("active");
        host.setSecure(true);
        host.setCreatedAt(Instant.parse("2026-11-23T10:54:00.789Z"));
        host.setUpdatedAt(Instant.parse("2026-11-23T10:54:00Z"));
        host.setInsecureEnabledUntil(LocalDateTime.parse("2026-11-23T11:24:00"));
        sessions.inTransaction(session -> session.persist(host));

        try (var connection = db.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT created_at, secure, vip, insecure_enabled_until, api_calls FROM hosts")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("2026-11-23T10:54:00+00:00");
            assertThat(rows.getInt(2)).isEqualTo(1);
            assertThat(rows.getInt(3)).isZero();
            assertThat(rows.getString(4)).isEqualTo("2026-11-23 11:24:00");
            assertThat(rows.getLong(5)).isZero();
        }
        Host read = sessions.fromTransaction(session -> session.find(Host.class, host.getId()));
        assertThat(read.getCreatedAt()).isEqualTo(Instant.parse("2026-11-23T10:54:00Z"));
        assertThat(read.isSecure()).isTrue();
    }

    @Test
    void legacyTimestampFormatsReadAsInstants() throws Exception {
        try (var connection = db.connect(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO versions (name, version, updated_at) VALUES"
                    + " ('a', '1', '2025-11-19T09:27:43.373506211Z'), ('b', '1', '2025-11-19 09:27:43'), ('c', '1', 'tomorrow')");
        }
        List<Setting> settings = sessions.fromTransaction(session ->
                session.createSelectionQuery("FROM Setting ORDER BY name", Setting.class).getResultList());
        assertThat(settings).extracting(Setting::getUpdatedAt).containsExactly(
                Instant.parse("2025-11-19T09:27:43.373506211Z"), Instant.parse("2025-11-19T09:27:43Z"), null);
    }

    private static List<String> persistenceUnitClasses() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/META-INF/persistence.xml"));
        Matcher matcher = Pattern.compile("<class>([\\w.]+)</class>").matcher(xml);
        List<String> classes = new ArrayList<>();
        while (matcher.find()) {
            classes.add(matcher.group(1));
        }
        return classes;
    }
}
