package dev.codexauth.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks once after start-up that every sealed value in the database opens with the configured key ring, and says
 * loudly which do not (table, column, row id; never the value). The original treated an unopenable value as "no
 * data", so a key mix-up silently turned into "no canonical auth" fleet-wide; here readiness reports it.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Encryption"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CiphertextAudit {

    private static final Logger LOG = Logger.getLogger(CiphertextAudit.class.getName());
    private static final int BATCH = 500;

    /** Counts of one column: opened with the active key, opened but due for re-encryption, legacy plaintext, failed. */
    public record ColumnReport(long current, long stale, long plaintext, long failed, List<Long> failedIds) {
    }

    public record Report(Map<String, ColumnReport> columns) {
        public long failed() {
            return columns.values().stream().mapToLong(ColumnReport::failed).sum();
        }

        public long opened() {
            return columns.values().stream().mapToLong(c -> c.current() + c.stale()).sum();
        }

        /** Values that open but are not sealed under the active key in the write format (or not sealed at all). */
        public long dueForResealing() {
            return columns.values().stream().mapToLong(c -> c.stale() + c.plaintext()).sum();
        }

        /** Values exist and not one of them opens: the key ring is wrong, not a single row. */
        public boolean wrongKeys() {
            return failed() > 0 && opened() == 0;
        }
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @Resource
    TimerService timers;

    @EJB
    Reseal reseal;

    @Inject
    @ConfigProperty(name = "auth.encryption.reseal", defaultValue = "auto")
    String resealMode;

    private volatile Report report;

    @PostConstruct
    void schedule() {
        timers.createSingleActionTimer(1, new TimerConfig("ciphertext-audit", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void runAfterStart() {
        report = audit();
        if (report.failed() > 0) {
            report.columns().forEach((column, counts) -> {
                if (counts.failed() > 0) {
                    LOG.severe(() -> counts.failed() + " sealed values in " + column + " do not open with the configured keys "
                            + encryption.ring().keyIds() + " (row ids " + counts.failedIds() + "). Restore the key they were "
                            + "sealed with (AUTH_ENCRYPTION_KEY / AUTH_ENCRYPTION_KEYS) or the rows cannot be used.");
                }
            });
        } else {
            LOG.info(() -> "All sealed values open with the configured key ring: " + report.columns());
        }
        if (report.dueForResealing() > 0 && "auto".equalsIgnoreCase(resealMode.trim())) {
            LOG.info(() -> report.dueForResealing() + " sealed values use an old key, the sbox:v1 format or no encryption; "
                    + "re-sealing them under '" + encryption.ring().activeKeyId() + "' (AUTH_ENCRYPTION_RESEAL=manual to do it by hand)");
            reseal.start("startup");
        }
    }

    /** Audits again (after a re-seal) and keeps the result as the latest report. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Report refresh() {
        report = audit();
        return report;
    }

    /** The latest report, or null while the first audit is still running. */
    public Report report() {
        return report;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Report audit() {
        Map<String, ColumnReport> columns = new LinkedHashMap<>();
        for (SealedColumns.Column column : SealedColumns.ALL) {
            columns.put(column.label(), auditColumn(column));
        }
        return new Report(columns);
    }

    private ColumnReport auditColumn(SealedColumns.Column column) {
        long current = 0;
        long stale = 0;
        long plaintext = 0;
        long failed = 0;
        List<Long> failedIds = new ArrayList<>();
        long after = 0;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + column.key() + ", " + column.column() + " FROM " + column.table()
                            + " WHERE " + column.key() + " > ?1 AND " + column.column() + " IS NOT NULL AND " + column.column()
                            + " <> '' ORDER BY " + column.key())
                    .setParameter(1, after).setMaxResults(BATCH).getResultList();
            for (Object[] row : rows) {
                after = ((Number) row[0]).longValue();
                String value = (String) row[1];
                if (!value.trim().startsWith("sbox:") && encryption.ring().readsLegacy()) {
                    plaintext++;
                    continue;
                }
                try {
                    if (encryption.open(value).stale()) {
                        stale++;
                    } else {
                        current++;
                    }
                } catch (UndecryptableValueException e) {
                    failed++;
                    if (failedIds.size() < 20) {
                        failedIds.add(after);
                    }
                }
            }
            if (rows.size() < BATCH) {
                return new ColumnReport(current, stale, plaintext, failed, List.copyOf(failedIds));
            }
        }
    }
}
