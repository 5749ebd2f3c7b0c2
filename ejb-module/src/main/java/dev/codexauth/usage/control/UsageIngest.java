package dev.codexauth.usage.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.SettledHosts;
import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.AfterTransaction;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * {@code POST /usage} (sync.md §9): authenticates the host, checks every entry (422 for bad input, nothing stored),
 * prices each entry from the in-memory price list, and stores the ingest, its usage rows and their events in one
 * transaction. The host's cached month total is dropped once that transaction has committed. A settled host is
 * accepted from memory ({@link SettledHosts}, the sync reads' rule), since authenticating it would write nothing.
 */
@Stateless
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

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    HostAuthenticator authenticator;

    @Inject
    SettledHosts settledHosts;

    @EJB
    PriceList prices;

    @EJB
    MonthUsage monthUsage;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "usage.max.entries", defaultValue = "10000")
    int maxEntries;

    public Receipt record(HostCredentials credentials, JsonObject body) {
        long hostId = settledHosts.settled(credentials).map(Host::getId).orElseGet(() -> authenticated(credentials));
        List<UsageEntry> entries = UsagePayload.entries(body, Math.max(1, maxEntries));
        PriceBook book = prices.book();
        List<UsageRows.Priced> priced = entries.stream()
                .map(e -> new UsageRows.Priced(e, book.forModel(e.model()).cost(e.input(), e.output(), e.cached())))
                .toList();
        Instant now = Instant.now();
        long ingestId = em.unwrap(Session.class)
                .doReturningWork(connection -> UsageRows.insert(connection, hostId, credentials.clientIp(), priced, now));
        forgetMonthTotalAfterCommit(hostId);
        String recordedAt = Timestamps.format(now);
        List<Recorded> recorded = priced.stream().map(p -> new Recorded(recordedAt, p)).toList();
        return new Receipt(hostId, ingestId, recorded, UsageRows.totalCost(priced));
    }

    private long authenticated(HostCredentials credentials) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        // Write what authentication changed first, so the host row is locked before the inserts' foreign-key checks.
        em.flush();
        return hostId;
    }

    private void forgetMonthTotalAfterCommit(long hostId) {
        AfterTransaction.committed(transactions, () -> monthUsage.invalidate(hostId));
    }
}
