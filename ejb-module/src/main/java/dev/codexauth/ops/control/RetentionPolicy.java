package dev.codexauth.ops.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long rows are kept, in days per kind of data (0 keeps them forever), and how many rows one delete may touch.
 * Defaults: usage 400 days (a year and a month to compare), event log 90, MCP access log 30, ChatGPT quota
 * snapshots 180 (the longest history the console shows), superseded price snapshots 400, admin audit 365 (admin.md),
 * the memories of a deleted host 30 (spec/mcp.md §8), browser sign-in sessions 1 after they expired.
 */
@ApplicationScoped
public class RetentionPolicy {

    @Inject
    @ConfigProperty(name = "retention.usage.days", defaultValue = "400")
    int usageDays;

    @Inject
    @ConfigProperty(name = "retention.logs.days", defaultValue = "90")
    int logsDays;

    @Inject
    @ConfigProperty(name = "retention.mcp.logs.days", defaultValue = "30")
    int mcpLogsDays;

    @Inject
    @ConfigProperty(name = "retention.chatgpt.snapshots.days", defaultValue = "180")
    int chatgptSnapshotsDays;

    @Inject
    @ConfigProperty(name = "retention.pricing.days", defaultValue = "400")
    int pricingDays;

    @Inject
    @ConfigProperty(name = "admin.audit.retention.days", defaultValue = "365")
    int adminAuditDays;

    @Inject
    @ConfigProperty(name = "retention.installer.tokens.days", defaultValue = "30")
    int installerTokenDays;

    @Inject
    @ConfigProperty(name = "retention.signin.sessions.days", defaultValue = "1")
    int signInSessionDays;

    @Inject
    @ConfigProperty(name = "retention.webhook.events.days", defaultValue = "30")
    int webhookEventDays;

    @Inject
    @ConfigProperty(name = "retention.detached.memories.days", defaultValue = "30")
    int detachedMemoriesDays;

    @Inject
    @ConfigProperty(name = "retention.batch.size", defaultValue = "5000")
    int batchSize;

    /** The ages as the admin API shows them. */
    public record Days(int usage, int logs, int mcpLogs, int chatgptSnapshots, int pricing, int adminAudit,
                       int detachedMemories, int batchSize) {
    }

    public Days days() {
        return new Days(positive(usageDays), positive(logsDays), positive(mcpLogsDays), positive(chatgptSnapshotsDays),
                positive(pricingDays), positive(adminAuditDays), positive(detachedMemoriesDays), batchSize());
    }

    /** How long a used or expired installer link keeps answering 410 before it is forgotten (then 404). */
    public int installerTokenDays() {
        return Math.max(1, installerTokenDays);
    }

    /**
     * How long an expired browser sign-in session (consumed, denied or never decided; each expires ten minutes after
     * its start) still answers with its status before it is forgotten (then 404). Never forever: anyone may start one.
     */
    public int signInSessionDays() {
        return Math.max(1, signInSessionDays);
    }

    /**
     * How long the ids of Stripe's and Clerk's webhook events are kept to recognise a retry. At least a week: both
     * retry an unacknowledged event for up to three days, and a delivery older than five minutes fails its signature.
     */
    public int webhookEventDays() {
        return Math.max(7, webhookEventDays);
    }

    public int batchSize() {
        return Math.max(100, Math.min(100_000, batchSize));
    }

    private static int positive(int days) {
        return Math.max(0, days);
    }
}
