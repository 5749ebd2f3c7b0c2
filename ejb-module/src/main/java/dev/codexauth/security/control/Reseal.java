package dev.codexauth.security.control;

import dev.codexauth.ops.control.DataSourceConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Completes a key rotation (docs/encryption.md): rewrites every sealed column under the active key, batch by batch,
 * so that old keys, the {@code sbox:v1} format and legacy plaintext can then be switched off. One node at a time (a
 * database lock held on a connection of its own, freed if the node dies); progress is committed with every batch
 * ({@code reseal_progress}), so a job stopped by a restart resumes where it stopped, and the admin API and the log
 * show how far it got.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reseal {

    private static final Logger LOG = Logger.getLogger(Reseal.class.getName());
    private static final String LOCK = "LEFT(CONCAT('cac:', COALESCE(DATABASE(), ''), ':reseal'), 64)";

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TimerService timers;

    @EJB
    ResealBatches batches;

    @EJB
    Encryption encryption;

    @EJB
    CiphertextAudit audit;

    private volatile boolean running;

    /** @return false when a re-seal is already running on this node */
    public boolean start(String trigger) {
        if (running) {
            return false;
        }
        running = true;
        timers.createSingleActionTimer(1, new TimerConfig(trigger, false));
        return true;
    }

    public boolean running() {
        return running;
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run(Timer timer) {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!lock(lockHolder, "SELECT GET_LOCK(" + LOCK + ", 0)")) {
                LOG.info("Re-seal already running on another node");
                return;
            }
            try {
                reseal(String.valueOf(timer.getInfo()));
            } finally {
                lock(lockHolder, "SELECT RELEASE_LOCK(" + LOCK + ")");
            }
            audit.refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Re-seal stopped; it resumes where it stopped when started again", e);
        } finally {
            running = false;
        }
    }

    private void reseal(String trigger) {
        String activeKey = encryption.ring().activeKeyId();
        List<ResealBatches.ColumnProgress> columns = batches.begin(activeKey, trigger);
        LOG.info(() -> "Re-sealing secrets under key '" + activeKey + "' (" + trigger + ")");
        for (ResealBatches.ColumnProgress start : columns) {
            if ("done".equals(start.state())) {
                continue;
            }
            SealedColumns.Column column = SealedColumns.ALL.stream().filter(c -> c.label().equals(start.column())).findFirst()
                    .orElseThrow();
            long lastId = start.lastId();
            long rewritten = start.rewritten();
            long failed = start.failed();
            ResealBatches.Batch batch;
            do {
                batch = batches.rewrite(column, lastId);
                lastId = batch.lastId();
                rewritten += batch.rewritten();
                failed += batch.failed();
            } while (!batch.columnDone());
            long total = rewritten;
            long unopened = failed;
            LOG.info(() -> "Re-seal of " + column.label() + " done: " + total + " rewritten, " + unopened + " do not open");
        }
        LOG.info(() -> "Re-seal under key '" + activeKey + "' complete");
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            return result.next() && result.getInt(1) == 1;
        }
    }
}
