package dev.codexauth.usage.control;

import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.ops.control.GroupCommit;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Commits {@code POST /usage} reports that arrive together in one transaction ({@link GroupCommit}). A host still
 * gets its answer only once its rows are committed, so an acknowledged report survives a crash as before; what the
 * reports share is the commit and the multi-row inserts of their usage rows and events.
 */
@ApplicationScoped
public class UsageCommits {

    /** A batch writes about this many rows at most; a larger report is a batch of its own. */
    static final int MAX_BATCH_ROWS = 2_000;

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    /** Learnt from the first connection: the database behind the pool does not change while the server runs. */
    private volatile UsageRows.IngestInsert ingestInsert;

    private final GroupCommit<UsageRows.Ingest, Long> commits =
            new GroupCommit<>(this::commit, UsageRows.Ingest::rows, MAX_BATCH_ROWS);

    /**
     * Must be called outside a JTA transaction: the batch commits on a connection of its own.
     *
     * @return the id of the report's ingest row, once committed
     * @throws GroupCommit.WriteFailed when the report was not stored
     */
    public long store(UsageRows.Ingest ingest) {
        return commits.write(ingest);
    }

    private List<Long> commit(List<UsageRows.Ingest> batch) throws SQLException, GroupCommit.StoreUnavailable {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException unreachable) {
            throw new GroupCommit.StoreUnavailable(unreachable);
        }
        try (connection) {
            connection.setAutoCommit(false);
            try {
                List<Long> ingestIds = UsageRows.insert(connection, batch, ingestInsert(connection));
                connection.commit();
                backToAutoCommit(connection);
                return ingestIds;
            } catch (SQLException | RuntimeException failure) {
                rollBack(connection);
                throw failure;
            }
        } catch (SQLException failure) {
            if (isConnectionLost(failure)) {
                throw new GroupCommit.StoreUnavailable(failure);
            }
            throw failure;
        }
    }

    private UsageRows.IngestInsert ingestInsert(Connection connection) throws SQLException {
        UsageRows.IngestInsert known = ingestInsert;
        if (known == null) {
            known = UsageRows.IngestInsert.forServer(connection.getMetaData().getDatabaseProductVersion());
            ingestInsert = known;
        }
        return known;
    }

    /** Leaves the pooled connection as others expect it; a connection that cannot be reset is broken, and the pool drops it. */
    private static void backToAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException broken) {
            // Nothing to undo: what was committed stays committed.
        }
    }

    private static void rollBack(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException broken) {
            // The database rolls the transaction back itself when the connection is gone.
        }
        backToAutoCommit(connection);
    }

    /** SQLSTATE class 08: the connection failed, which every report of the batch would meet again. */
    private static boolean isConnectionLost(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("08");
    }
}
