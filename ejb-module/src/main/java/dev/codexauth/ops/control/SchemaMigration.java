package dev.codexauth.ops.control;

import dev.codexauth.db.DatabaseMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * Runs the Flyway migrations once when the application starts, never per request. Several nodes starting together
 * are serialised by Flyway's database lock; a database that cannot be adopted stops the deployment with a message.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    private DatabaseMigrator migrator;

    /**
     * Outside a transaction, so that Flyway commits each migration itself: the class-level attribute does not reach a
     * singleton's {@code @PostConstruct} in Payara, which ran the migrations inside one JTA transaction.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        migrator = new DatabaseMigrator(dataSource, SchemaMigration.class.getClassLoader());
        migrator.migrate();
    }

    public DatabaseMigrator.State state() {
        return migrator.state();
    }
}
