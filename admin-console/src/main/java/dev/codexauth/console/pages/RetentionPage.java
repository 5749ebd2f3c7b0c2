package dev.codexauth.console.pages;

import dev.codexauth.console.control.FleetPolicy;
import dev.codexauth.console.control.RetentionAdministration;
import dev.codexauth.host.control.HostPruner;
import dev.codexauth.ops.control.Retention;
import dev.codexauth.ops.control.RetentionPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /admin/retention.xhtml}: how long data is kept and when idle hosts are pruned. The host prune window is
 * changed through {@link FleetPolicy} as {@code POST /admin/api/prune-policy} changes it; the data ages come from the
 * server configuration (as {@code GET /admin/api/retention} shows them); a retention pass can be run now through
 * {@link RetentionAdministration}, audited as {@code POST /admin/api/retention/run}.
 */
@Named
@ViewScoped
public class RetentionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    FleetPolicy policy;

    @Inject
    HostPruner pruner;

    @Inject
    RetentionPolicy retentionPolicy;

    @Inject
    RetentionAdministration retention;

    @Inject
    ConsoleUser user;

    /** One kind of data: how long it is kept and the server setting that says so. */
    public record Age(String data, String setting, String kept) implements Serializable {
    }

    private int inactivityDays;
    private String lastPass;

    @PostConstruct
    void load() {
        inactivityDays = pruner.windowDays();
    }

    public void savePrunePolicy() {
        if (!user.mayChange()) {
            return;
        }
        int current = pruner.windowDays();
        String done = inactivityDays == 0 ? "Idle hosts are never pruned"
                : "Hosts idle for " + inactivityDays + " days are pruned";
        if (!Feedback.run(done, () -> policy.setInactivityWindow(inactivityDays, current, user.actor()))) {
            inactivityDays = current;
        }
    }

    public void runNow() {
        if (!user.mayChange()) {
            return;
        }
        Retention.Pass pass = Feedback.attempt(() -> retention.run(user.actor()), null);
        if (pass != null) {
            long total = pass.deleted().values().stream().mapToLong(Long::longValue).sum();
            Feedback.info("Retention pass done: " + total + " rows deleted" + (pass.complete() ? "" : "; more is due next hour"));
            lastPass = pass.deleted().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(" · ")) + (pass.complete() ? "" : " (time budget used up)");
        }
    }

    public List<Age> getAges() {
        RetentionPolicy.Days days = retentionPolicy.days();
        return List.of(new Age("Usage rows and client reports", "retention.usage.days", kept(days.usage())),
                new Age("Event log", "retention.logs.days", kept(days.logs())),
                new Age("MCP access log", "retention.mcp.logs.days", kept(days.mcpLogs())),
                new Age("ChatGPT quota snapshots (the latest is always kept)", "retention.chatgpt.snapshots.days",
                        kept(days.chatgptSnapshots())),
                new Age("Superseded price snapshots", "retention.pricing.days", kept(days.pricing())),
                new Age("Admin audit trail", "admin.audit.retention.days", kept(days.adminAudit())),
                new Age("MCP memories of a deleted host (until a host registers under its FQDN)", "retention.detached.memories.days",
                        kept(days.detachedMemories())));
    }

    private static String kept(int days) {
        return days == 0 ? "forever" : days + " days";
    }

    public int getInactivityDays() {
        return inactivityDays;
    }

    public void setInactivityDays(int inactivityDays) {
        this.inactivityDays = inactivityDays;
    }

    /** Rows deleted per table by the pass run from this page. */
    public String getLastPass() {
        return lastPass;
    }
}
