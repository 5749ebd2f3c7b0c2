package dev.codexauth.launcher;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The admin application deployed on its first request instead of at start ({@code ADMIN_CONSOLE_START=on-demand}): a
 * node that only serves hosts never loads the console, 70-80 MB of its memory at rest (docs/performance.md#memory).
 * Until it is deployed the host API's start-up gate answers {@code /admin} with a 503 and asks for the deployment
 * through this platform MBean, the one registry both the launcher's and the application's class loaders see.
 */
public final class AdminDeployment implements AdminDeploymentMBean {

    /** The name the host API's start-up gate ({@code AdminStarting}) invokes {@code request} under. */
    static final String NAME = "dev.codexauth:type=AdminDeployment";

    private static final Logger LOG = Logger.getLogger(AdminDeployment.class.getName());

    private final AtomicBoolean started = new AtomicBoolean();
    private final Runnable deploy;

    private AdminDeployment(Runnable deploy) {
        this.deploy = deploy;
    }

    static void register(Runnable deploy) throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new AdminDeployment(deploy), new ObjectName(NAME));
    }

    @Override
    public void request() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info("First request to /admin: deploying the admin application");
        Thread thread = new Thread(() -> {
            try {
                deploy.run();
            } catch (RuntimeException e) {
                // The node keeps serving hosts; the next request to /admin tries again.
                LOG.log(Level.SEVERE, "The admin application could not be deployed: " + Launcher.rootMessage(e));
                started.set(false);
            }
        }, "admin-deployment");
        thread.setDaemon(true);
        thread.start();
    }
}
