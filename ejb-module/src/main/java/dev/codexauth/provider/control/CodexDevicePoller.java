package dev.codexauth.provider.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls pending Codex device flows every second on every node; a flow is polled by the node that took its lease,
 * so a cluster polls each flow once per interval, and a node that dies mid-flow hands it on when the lease lapses.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class CodexDevicePoller {

    private static final Logger LOG = Logger.getLogger(CodexDevicePoller.class.getName());
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final String node = UUID.randomUUID().toString();

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    ProviderFlows flows;

    @EJB
    CodexDeviceFlow codex;

    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::pollDue, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void pollDue() {
        try {
            for (String id : flows.leaseDue(CodexDeviceFlow.KIND, node, LEASE)) {
                try {
                    codex.pollOnce(id);
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, "Codex device flow " + id + " failed", failed);
                    flows.finish(id, "failed", "the server could not complete the sign-in; see its log");
                }
            }
        } catch (RuntimeException unavailable) {
            LOG.warning(() -> "Codex device flows could not be polled; will retry: " + unavailable.getMessage());
        }
    }
}
