package dev.codexauth.usage.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * When the ChatGPT quota is read (sync.md §10): by a timer, on one node at a time, every
 * {@code CHATGPT_USAGE_CRON_INTERVAL} seconds, and after a failure again after 60 s, doubling while failures
 * continue (never sooner than the 5-minute cooldown, never later than the interval); and when an admin forces it,
 * at most once per {@code CHATGPT_USAGE_FORCE_MIN_SECONDS} fleet-wide. Host requests never wait for it: {@code /auth}
 * reads stored snapshots ({@link ChatgptUsageView}). The database lock, not this bean, keeps reads exclusive, so
 * admins can look at the latest snapshot while a read is under way.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatgptUsageRefresh {

    private static final Logger LOG = Logger.getLogger(ChatgptUsageRefresh.class.getName());
    static final long FIRST_RETRY_SECONDS = 60;
    private static final String LOCK = "chatgpt-usage";

    /** A snapshot and whether it was already stored before this call. */
    public record Result(ChatgptUsageSnapshot snapshot, boolean cached) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    ClusterLock lock;

    @EJB
    ChatgptUsageFetcher fetcher;

    @EJB
    ChatgptUsageView view;

    @EJB
    Events events;

    @Inject
    ChatgptUsageSettings settings;

    @Schedule(hour = "*", minute = "*", second = "53", persistent = false)
    public void tick() {
        if (settings.intervalSeconds() <= 0) {
            return;
        }
        try {
            lock.runOncePer(Duration.ofMinutes(1), LOCK, () -> {
                Instant now = Instant.now();
                List<ChatgptUsageSnapshot> recent = recent();
                if (due(recent, now, settings.intervalSeconds())) {
                    store(fetcher.fetch(now), "schedule");
                }
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "Scheduled ChatGPT usage refresh failed: " + e);
        }
    }

    /** An admin's refresh: 429 when the last read is too recent or another node is reading right now. */
    public Result force(String trigger) {
        Result result = lock.runExclusively(LOCK, () -> {
            Instant now = Instant.now();
            ChatgptUsageSnapshot latest = latest();
            if (latest != null && latest.getFetchedAt() != null
                    && latest.getFetchedAt().plusSeconds(settings.forceMinSeconds()).isAfter(now)) {
                Instant allowedAt = latest.getFetchedAt().plusSeconds(settings.forceMinSeconds());
                throw throttled("ChatGPT usage was read less than " + settings.forceMinSeconds() + " s ago", allowedAt, now);
            }
            return new Result(store(fetcher.fetch(now), trigger), false);
        });
        if (result == null) {
            throw throttled("A ChatGPT usage refresh is already running", Instant.now().plusSeconds(5), Instant.now());
        }
        return result;
    }

    /** The latest stored snapshot, never calling upstream; null when there is none. */
    public ChatgptUsageSnapshot latest() {
        return em.createQuery("SELECT s FROM ChatgptUsageSnapshot s ORDER BY s.id DESC", ChatgptUsageSnapshot.class)
                .setMaxResults(1).getResultList().stream().findFirst().orElse(null);
    }

    private List<ChatgptUsageSnapshot> recent() {
        return em.createQuery("SELECT s FROM ChatgptUsageSnapshot s ORDER BY s.id DESC", ChatgptUsageSnapshot.class)
                .setMaxResults(8).getResultList();
    }

    /**
     * Whether the schedule should read now, given the newest snapshots (newest first): the interval after a success,
     * otherwise 60 s doubled per consecutive failure, capped at the interval, and never inside the cooldown.
     */
    static boolean due(List<ChatgptUsageSnapshot> newestFirst, Instant now, long intervalSeconds) {
        if (newestFirst.isEmpty()) {
            return true;
        }
        ChatgptUsageSnapshot latest = newestFirst.get(0);
        if (latest.getFetchedAt() == null) {
            return true;
        }
        if (latest.getNextEligibleAt() != null && latest.getNextEligibleAt().isAfter(now)) {
            return false;
        }
        long wait = intervalSeconds;
        if (!"ok".equals(latest.getStatus())) {
            int failures = 0;
            while (failures < newestFirst.size() && !"ok".equals(newestFirst.get(failures).getStatus())) {
                failures++;
            }
            wait = Math.min(intervalSeconds, FIRST_RETRY_SECONDS << Math.min(20, failures - 1));
        }
        return !latest.getFetchedAt().plus(Duration.ofSeconds(wait)).isAfter(now);
    }

    private ChatgptUsageSnapshot store(ChatgptUsageSnapshot snapshot, String trigger) {
        em.persist(snapshot);
        events.record(null, "chatgpt.usage", Events.details("trigger", trigger, "status", snapshot.getStatus(),
                "plan_type", snapshot.getPlanType(), "error", snapshot.getError()));
        if (!"ok".equals(snapshot.getStatus())) {
            LOG.warning(() -> "ChatGPT usage unavailable: " + snapshot.getError());
        }
        view.invalidate();
        return snapshot;
    }

    private static ApiException throttled(String message, Instant allowedAt, Instant now) {
        long retryAfter = Math.max(1, Duration.between(now, allowedAt).toSeconds() + 1);
        return new ApiException(429, "refresh_throttled", message, Map.of("retry_at", Timestamps.format(allowedAt)), null,
                Map.of("Retry-After", String.valueOf(retryAfter)));
    }
}
