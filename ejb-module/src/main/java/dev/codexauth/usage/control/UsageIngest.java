package dev.codexauth.usage.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.SettledHosts;
import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /usage} (sync.md §9): authenticates the host, checks every entry (422 for bad input, nothing stored),
 * prices each entry from the in-memory price list, and stores the ingest, its usage rows and their events in one
 * transaction, shared with the reports of other hosts that arrive at the same time ({@link UsageCommits}); the
 * answer waits for that commit. The host's cached month total is dropped once it has committed. A settled host is
 * accepted from memory ({@link SettledHosts}, the sync reads' rule), since authenticating it would write nothing;
 * any other host is authenticated, and what that changes committed, before its report is stored. A CDI bean, not
 * an EJB: it holds no state and must run outside a transaction, which is how its resource calls it.
 */
@ApplicationScoped
public class UsageIngest {

    /** One stored entry as the host sees it. */
    public record Recorded(String recordedAt, String line, Long total, Long input, Long output, Long cached, Long reasoning,
                           BigDecimal cost, String model) {

        Recorded(String recordedAt, UsageRows.Priced priced) {
            this(recordedAt, priced.entry().line(), priced.entry().total(), priced.entry().input(), priced.entry().output(),
                    priced.entry().cached(), priced.entry().reasoning(), priced.cost(), priced.entry().model());
        }
    }

    public record Receipt(long hostId, long ingestId, List<Recorded> usages, BigDecimal cost) {
    }

    @EJB
    HostAuthenticator authenticator;

    @Inject
    SettledHosts settledHosts;

    @EJB
    PriceList prices;

    @EJB
    MonthUsage monthUsage;

    @Inject
    UsageCommits commits;

    @Inject
    @ConfigProperty(name = "usage.max.entries", defaultValue = "10000")
    int maxEntries;

    public Receipt record(HostCredentials credentials, JsonObject body) {
        long hostId = settledHosts.settled(credentials).map(Host::getId)
                .orElseGet(() -> authenticator.authenticate(credentials, false).getId());
        List<UsageEntry> entries = UsagePayload.entries(body, Math.max(1, maxEntries));
        PriceBook book = prices.book();
        List<UsageRows.Priced> priced = entries.stream()
                .map(e -> new UsageRows.Priced(e, book.forModel(e.model()).cost(e.input(), e.output(), e.cached())))
                .toList();
        Instant now = Instant.now();
        long ingestId = commits.store(new UsageRows.Ingest(hostId, credentials.clientIp(), priced, now));
        monthUsage.invalidate(hostId);
        String recordedAt = Timestamps.format(now);
        List<Recorded> recorded = priced.stream().map(p -> new Recorded(recordedAt, p)).toList();
        return new Receipt(hostId, ingestId, recorded, UsageRows.totalCost(priced));
    }
}
