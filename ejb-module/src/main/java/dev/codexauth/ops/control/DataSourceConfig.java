package dev.codexauth.ops.control;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's connection pool, defined by the application itself so that the same build runs on Payara Micro
 * and Payara Server without an asadmin JDBC resource. Connection settings come from MicroProfile Config
 * ({@code DB_URL}, {@code DB_USERNAME}, {@code DB_PASSWORD}); the Micro launcher fills them for its embedded database.
 */
@Singleton
@DataSourceDefinition(
        name = DataSourceConfig.JNDI_NAME,
        className = "com.mysql.cj.jdbc.MysqlDataSource",
        url = "${MPCONFIG=db.url}",
        user = "${MPCONFIG=db.username}",
        password = "${MPCONFIG=db.password}",
        minPoolSize = 4,
        maxPoolSize = 48,
        properties = {
            "cachePrepStmts=true",
            "prepStmtCacheSize=256",
            "prepStmtCacheSqlLimit=2048",
            "rewriteBatchedStatements=true",
            "useLocalSessionState=true",
            "cacheServerConfiguration=true",
            "cacheResultSetMetadata=true",
            "maintainTimeStats=false",
            "connectionCollation=utf8mb4_unicode_ci",
            "connectionTimeZone=UTC",
            "tcpKeepAlive=true",
            "openTelemetry=DISABLED",
            // Payara's pool would otherwise compare the credentials of every pooled connection on each borrow, under
            // a lock shared by all threads, though every connection here is opened with the same user.
            "fish.payara.match-connections=false"
        })
public class DataSourceConfig {

    public static final String JNDI_NAME = "java:app/jdbc/central";
}
