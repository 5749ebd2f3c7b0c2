package dev.codexauth.cluster.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.codexauth.ops.control.AfterTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries {@link CachesInvalidated} to every application on every node of the cluster over a topic of Payara's
 * Hazelcast data grid, and waits until each of them has dropped its copies: an admin's change that revokes access is
 * acknowledged only once no node would still let the old state through. A node that does not answer within
 * {@code CLUSTER_INVALIDATION_TIMEOUT_MILLIS} is logged by name and falls back on the periodic refresh
 * ({@code SETTINGS_CACHE_MILLIS}). Without clustering there is no grid: the event reaches the other applications of
 * this JVM directly ({@link LocalApplications}).
 *
 * <p>Messages are plain strings, so no node ever deserialises another node's classes.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterBus {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());
    private static final String INVALIDATIONS = "codex-auth-central.invalidations";
    private static final String ACKNOWLEDGEMENTS = "codex-auth-central.invalidation-acks";
    /** Every listening application of the cluster: listener id to the UUID of the member it runs on. */
    private static final String LISTENERS = "codex-auth-central.invalidation-listeners";

    @Inject
    Event<CachesInvalidated> localEvent;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ContextService contexts;

    @Inject
    @ConfigProperty(name = "cluster.invalidation.timeout.millis", defaultValue = "2000")
    long timeoutMillis;

    private HazelcastInstance grid;
    private LocalApplications neighbours;
    private ITopic<String> invalidations;
    private ITopic<String> acknowledgements;
    private IMap<String, String> listeners;
    private String listenerId;
    private UUID invalidationSubscription;
    private UUID acknowledgementSubscription;
    /** Fires the local event with this application's context on the grid's own threads (injection needs it). */
    private Consumer<String> dropLocally;
    /** An invalidation this application sent: the listeners it still waits for, and the latch they release. */
    private record Pending(Set<String> waitingFor, CountDownLatch done) {
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    @PostConstruct
    void join() {
        @SuppressWarnings("unchecked")
        Consumer<String> contextual = contexts.createContextualProxy((Consumer<String>) this::fireLocally, Consumer.class);
        dropLocally = contextual;
        grid = runningGrid();
        if (grid == null) {
            joinLocalApplications();
            return;
        }
        String member = grid.getCluster().getLocalMember().getUuid().toString();
        listenerId = member + "/" + applicationName() + "/" + UUID.randomUUID();
        listeners = grid.getMap(LISTENERS);
        invalidations = grid.getTopic(INVALIDATIONS);
        acknowledgements = grid.getTopic(ACKNOWLEDGEMENTS);
        acknowledgementSubscription = acknowledgements.addMessageListener(this::onAcknowledgement);
        invalidationSubscription = invalidations.addMessageListener(this::onInvalidation);
        listeners.put(listenerId, member);
        LOG.info(() -> "Cache invalidations travel the cluster's data grid (" + grid.getCluster().getMembers().size()
                + " members)");
    }

    private void joinLocalApplications() {
        try {
            neighbours = LocalApplications.join(applicationName(), dropLocally);
            LOG.info("No data grid: cache invalidations reach this JVM's other applications directly");
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Could not register for this JVM's cache invalidations; the other application sees"
                    + " changes within SETTINGS_CACHE_MILLIS", e);
        }
    }

    @PreDestroy
    void leave() {
        if (neighbours != null) {
            neighbours.leave();
        }
        if (grid == null || !grid.getLifecycleService().isRunning()) {
            return;
        }
        try {
            listeners.remove(listenerId);
            invalidations.removeMessageListener(invalidationSubscription);
            acknowledgements.removeMessageListener(acknowledgementSubscription);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Leaving the invalidation topic failed; the member filter ignores this listener", e);
        }
    }

    /**
     * Invalidates everywhere once the caller's transaction has committed (at once when there is none), so no node
     * reloads the old state between the invalidation and the commit; returns to the caller only after every node
     * answered or the timeout passed. Several changes in one transaction send one message.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void invalidateAfterCommit(String reason) {
        if (transactions.getTransactionKey() == null) {
            invalidateNow(reason);
            return;
        }
        if (transactions.getResource(ClusterBus.class) != null) {
            return;
        }
        transactions.putResource(ClusterBus.class, reason);
        AfterTransaction.committed(transactions, () -> invalidateNow(reason));
    }

    /** Drops this application's copies, then every other application's, and waits for their answers. */
    public void invalidateNow(String reason) {
        fireLocally(reason);
        if (grid == null) {
            if (neighbours != null) {
                neighbours.invalidateOthers(reason);
            }
            return;
        }
        try {
            broadcast(reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not send a cache invalidation to the cluster; other nodes refresh within"
                    + " SETTINGS_CACHE_MILLIS", e);
        }
    }

    private void broadcast(String reason) {
        Set<String> members = grid.getCluster().getMembers().stream().map(m -> m.getUuid().toString())
                .collect(Collectors.toSet());
        listeners.entrySet().stream().filter(e -> !members.contains(e.getValue()))
                .forEach(gone -> listeners.remove(gone.getKey()));
        Set<String> waitingFor = ConcurrentHashMap.newKeySet();
        listeners.keySet().stream().filter(id -> !id.equals(listenerId)).forEach(waitingFor::add);
        if (waitingFor.isEmpty()) {
            return;
        }
        String id = UUID.randomUUID().toString();
        CountDownLatch done = new CountDownLatch(1);
        pending.put(id, new Pending(waitingFor, done));
        try {
            invalidations.publish(id + " " + listenerId + " " + reason);
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "No answer within " + timeoutMillis + " ms to the invalidation of " + reason + " from "
                        + waitingFor + "; they refresh within SETTINGS_CACHE_MILLIS");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.remove(id);
        }
    }

    private void onInvalidation(Message<String> message) {
        String[] parts = message.getMessageObject().split(" ", 3);
        if (parts.length < 3 || parts[1].equals(listenerId)) {
            return;
        }
        dropLocally.accept(parts[2]);
        acknowledgements.publish(parts[0] + " " + listenerId);
    }

    private void fireLocally(String reason) {
        localEvent.fire(new CachesInvalidated(reason));
    }

    private void onAcknowledgement(Message<String> message) {
        String[] parts = message.getMessageObject().split(" ", 2);
        Pending sent = parts.length == 2 ? pending.get(parts[0]) : null;
        if (sent != null && sent.waitingFor().remove(parts[1]) && sent.waitingFor().isEmpty()) {
            sent.done().countDown();
        }
    }

    private static HazelcastInstance runningGrid() {
        try {
            HazelcastInstance found = InitialContext.doLookup("payara/Hazelcast");
            return found != null && found.getLifecycleService().isRunning() ? found : null;
        } catch (NamingException | RuntimeException | LinkageError noGrid) {
            return null;
        }
    }

    private static String applicationName() {
        try {
            return InitialContext.doLookup("java:app/AppName");
        } catch (NamingException e) {
            return "application";
        }
    }
}
