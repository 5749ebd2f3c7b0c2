package dev.codexauth.launcher;

import java.time.Duration;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * What SIGTERM does (systemd stop, a rolling upgrade): readiness turns DOWN at once while the node keeps serving for
 * {@code SHUTDOWN_DRAIN_SECONDS}, long enough for the load balancer's checks to take it out; then the HTTP listener
 * closes, so late requests are refused at the connection (the balancer retries those elsewhere), and only then do
 * the applications stop. Payara's own order undeploys while the listener is still open, which answers 500 and
 * HTML 503 pages to requests in flight. The JDK has no public signal API, hence {@code sun.misc.Signal}.
 */
final class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());
    /** The same name as the host API's StoppingReadiness check reads. */
    static final String STOPPING = "codexauth.stopping";

    private GracefulStop() {
    }

    static void install(HttpListenerSettings listener, Duration drain) {
        Signal.handle(new Signal("TERM"), signal -> new Thread(() -> stop(listener, drain), "graceful-stop").start());
    }

    private static void stop(HttpListenerSettings listener, Duration drain) {
        LOG.info(() -> "Stopping: not ready any more, serving " + drain.toSeconds() + " s more while the load balancer takes this node out");
        System.setProperty(STOPPING, "true");
        try {
            Thread.sleep(drain.toMillis());
            listener.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not close the HTTP listener before stopping: " + e.getMessage());
        }
        System.exit(0);
    }
}
