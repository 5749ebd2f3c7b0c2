package dev.codexauth.cluster.control;

import java.lang.management.ManagementFactory;
import java.util.Hashtable;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The applications of this JVM (the host API and the admin application under the Micro launcher) when no data grid
 * runs: each registers an MBean on the platform MBean server, and an invalidation calls every other one directly on
 * the caller's thread, so it returns once they have all dropped their copies. Only a String crosses between the
 * applications' class loaders.
 */
public final class LocalApplications {

    /** What each application exposes (public for the MBean server's introspection). */
    public interface CacheInvalidationMBean {
        void invalidate(String reason);
    }

    private static final Logger LOG = Logger.getLogger(LocalApplications.class.getName());
    private static final String DOMAIN = "dev.codexauth";
    private static final String TYPE = "CacheInvalidation";
    private static final ObjectName EVERY_APPLICATION = pattern();

    private final MBeanServer server;
    private final ObjectName self;

    private LocalApplications(MBeanServer server, ObjectName self) {
        this.server = server;
        this.self = self;
    }

    /** Registers this application: {@code drop} runs with the reason when another application invalidates. */
    static LocalApplications join(String application, Consumer<String> drop) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Hashtable<String, String> properties = new Hashtable<>();
        properties.put("type", TYPE);
        properties.put("application", ObjectName.quote(application));
        properties.put("id", UUID.randomUUID().toString());
        ObjectName self = new ObjectName(DOMAIN, properties);
        CacheInvalidationMBean target = drop::accept;
        server.registerMBean(new StandardMBean(target, CacheInvalidationMBean.class), self);
        return new LocalApplications(server, self);
    }

    /** Calls every other application of this JVM; one that fails is logged and refreshes within SETTINGS_CACHE_MILLIS. */
    void invalidateOthers(String reason) {
        for (ObjectName other : server.queryNames(EVERY_APPLICATION, null)) {
            if (other.equals(self)) {
                continue;
            }
            try {
                server.invoke(other, "invalidate", new Object[] {reason}, new String[] {String.class.getName()});
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "Application " + other.getKeyProperty("application")
                        + " did not drop its copies for " + reason + "; it refreshes within SETTINGS_CACHE_MILLIS");
            }
        }
    }

    private static ObjectName pattern() {
        try {
            return new ObjectName(DOMAIN + ":type=" + TYPE + ",*");
        } catch (MalformedObjectNameException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    void leave() {
        try {
            server.unregisterMBean(self);
        } catch (JMException e) {
            LOG.log(Level.FINE, "Already unregistered", e);
        }
    }
}
