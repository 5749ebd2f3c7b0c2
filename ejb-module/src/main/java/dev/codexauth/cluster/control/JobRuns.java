package dev.codexauth.cluster.control;

import dev.codexauth.ops.control.DataSourceConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** Claims and completes scheduled job periods ({@link JobClaims}), each on its own auto-committed connection. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRuns {

    /** Host name and process id, as the JVM names itself: which node ran a job, for DBAs and logs. */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    public boolean claim(String job, Duration period) {
        try (Connection connection = dataSource.getConnection()) {
            return JobClaims.claim(connection, job, JobClaims.periodStart(Instant.now(), period), NODE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim job " + job + ": " + e.getMessage(), e);
        }
    }

    public void finished(String job) {
        try (Connection connection = dataSource.getConnection()) {
            JobClaims.finished(connection, job, NODE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the end of job " + job + ": " + e.getMessage(), e);
        }
    }
}
