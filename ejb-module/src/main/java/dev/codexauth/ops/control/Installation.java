package dev.codexauth.ops.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The installation id that hosts check to be sure they talk to the server their wrapper was baked by:
 * {@code INSTALLATION_ID} when configured, else one generated once and kept in the database for every node
 * (the original appended it to a local {@code .env} file, which diverges between nodes).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Installation {

    @Inject
    @ConfigProperty(name = "installation.id")
    Optional<String> configured;

    @EJB
    SettingsStore settings;

    private String id;

    @PostConstruct
    void resolve() {
        id = configured.filter(v -> !v.isBlank()).map(String::trim)
                .orElseGet(() -> settings.putIfAbsent(SettingKeys.INSTALLATION_ID, UUID.randomUUID().toString()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String id() {
        return id;
    }
}
