package dev.codexauth.ops.control;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.security.control.CiphertextAudit;
import dev.codexauth.security.control.Encryption;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether the server can do its work, with the facts behind each verdict: the database answers and its schema is at
 * the newest migration with none failed; the encryption keys open what is sealed (when sealed values exist and none
 * opens, the server was started with the wrong keys and would answer "no canonical auth" to every host). The public
 * health endpoint shows only the verdicts; admins see the facts ({@code GET /admin/api/health}).
 */
@ApplicationScoped
public class HealthReport {

    /** One verdict and what it rests on. */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @EJB
    SchemaMigration migration;

    @EJB
    Encryption encryption;

    @EJB
    CiphertextAudit audit;

    public List<Check> checks() {
        return List.of(database(), encryption());
    }

    public Check database() {
        Map<String, Object> data = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean reachable = connection.isValid(2);
            data.put("reachable", reachable);
            DatabaseMigrator.State state = migration.state();
            data.put("schema_version", String.valueOf(state.currentVersion()));
            data.put("latest_version", String.valueOf(state.latestVersion()));
            data.put("pending_migrations", state.pending());
            data.put("failed_migration", state.failed());
            return new Check("database", reachable && state.upToDate(), data);
        } catch (SQLException | RuntimeException e) {
            data.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            return new Check("database", false, data);
        }
    }

    public Check encryption() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("active_key", encryption.ring().activeKeyId());
        data.put("keys", String.join(",", encryption.ring().keyIds()));
        CiphertextAudit.Report report = audit.report();
        if (report == null) {
            data.put("audit", "running");
            return new Check("encryption", true, data);
        }
        data.put("sealed_values_opened", report.opened());
        data.put("sealed_values_failing", report.failed());
        return new Check("encryption", !report.wrongKeys(), data);
    }
}
