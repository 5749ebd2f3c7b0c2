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

    private List<Long> commit(List<UsageRows.Ingest> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Long> ingestIds = UsageRows.insert(connection, batch);
                connection.commit();
                return ingestIds;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
