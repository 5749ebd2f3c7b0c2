package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void anExternalDatabaseWithAnEmptyPasswordIsRefusedWithTheReason() {
        LauncherSettings settings = LauncherSettings.from(Map.of(
                "DB_URL", "jdbc:mysql://db:3306/codex_auth", "DB_USERNAME", "root", "DB_PASSWORD", "", "AUTH_ENCRYPTION_KEY", KEY));
        assertThatThrownBy(settings::requireExternalDatabaseSettings).hasMessageContaining("DB_PASSWORD is not");
    }

    @Test
    void anExternalDatabaseWithoutAnEncryptionKeyIsRefused() {
        LauncherSettings settings = LauncherSettings.from(Map.of(
                "DB_URL", "jdbc:mysql://db:3306/codex_auth", "DB_USERNAME", "codex", "DB_PASSWORD", "secret"));
        assertThatThrownBy(settings::requireExternalDatabaseSettings).hasMessageContaining("No encryption key configured");
    }

    @Test
    void theEmbeddedDatabaseNeedsNeitherAndHostSettingsBuildTheUrl() {
        assertThatCode(LauncherSettings.from(Map.of())::requireExternalDatabaseSettings).doesNotThrowAnyException();
        LauncherSettings settings = LauncherSettings.from(Map.of(
                "DB_HOST", "db.internal", "DB_USERNAME", "codex", "DB_PASSWORD", "secret", "AUTH_ENCRYPTION_KEY", KEY));
        assertThat(settings.dbUrl()).contains("jdbc:mysql://db.internal:3306/codex_auth?sslMode=PREFERRED");
        assertThatCode(settings::requireExternalDatabaseSettings).doesNotThrowAnyException();
    }

    @Test
    void aClusterJoinsOnlyTheMembersItIsGivenByTcpIp() {
        LauncherSettings settings = LauncherSettings.from(Map.of("CLUSTER_ENABLED", "true",
                "CLUSTER_MEMBERS", "10.0.0.11:6900, 10.0.0.12:6900", "CLUSTER_INTERFACE", "10.0.0.11"));

        assertThat(settings.cluster().settings()).containsExactly(
                "hazelcast-runtime-configuration.discovery-mode=tcpip",
                "hazelcast-runtime-configuration.tcpip-members=10.0.0.11:6900,10.0.0.12:6900",
                "hazelcast-runtime-configuration.start-port=6900",
                "hazelcast-runtime-configuration.cluster-group-name=codex-auth-central",
                "hazelcast-runtime-configuration.interface=10.0.0.11");
        assertThat(settings.cluster().systemProperties()).as("an interface list alone still binds every address")
                .containsExactly(Map.entry("hazelcast.socket.bind.any", "false"));
        ClusterSettings alone = LauncherSettings.from(Map.of("CLUSTER_MEMBERS", "10.0.0.11:6900")).cluster();
        assertThat(alone.enabled()).isFalse();
        assertThat(alone.settings()).as("no grid to keep the console's sessions in")
                .containsExactly("configs.config.server-config.availability-service.web-container-availability.availability-enabled=false");
    }

    @Test
    void theConsoleDeploysAtStartUnlessItIsAskedForOnDemand() {
        assertThat(LauncherSettings.from(Map.of()).adminOnDemand()).isFalse();
        assertThat(LauncherSettings.from(Map.of("ADMIN_CONSOLE_START", "On-Demand")).adminOnDemand()).isTrue();
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("ADMIN_CONSOLE_START", "lazy")))
                .hasMessageContaining("at-start (the default) or on-demand");
    }

    @Test
    void aClusterThatCouldNotFormIsRefusedBeforeBoot() {
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("CLUSTER_ENABLED", "true")))
                .hasMessageContaining("CLUSTER_MEMBERS is empty");
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("CLUSTER_ENABLED", "true", "CLUSTER_MEMBERS", "10.0.0.11")))
                .hasMessageContaining("'10.0.0.11' is not host:port");
    }
}
