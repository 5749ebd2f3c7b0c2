package dev.codexauth.ops.boundary;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.ops.control.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and its schema is at the newest migration with none failed. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @EJB
    SchemaMigration migration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            boolean reachable = connection.isValid(2);
            response.withData("reachable", reachable);
            DatabaseMigrator.State state = migration.state();
            response.withData("schema_version", String.valueOf(state.currentVersion()))
                    .withData("latest_version", String.valueOf(state.latestVersion()))
                    .withData("pending_migrations", state.pending())
                    .withData("failed_migration", state.failed());
            return response.status(reachable && state.upToDate()).build();
        } catch (SQLException | RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
