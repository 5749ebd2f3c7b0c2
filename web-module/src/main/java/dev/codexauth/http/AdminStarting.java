package dev.codexauth.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The Micro launcher opens the listener as soon as the host API is deployed and deploys the admin application after
 * it, or on its first request with {@code ADMIN_CONSOLE_START=on-demand} (docs/performance.md, start-up and memory).
 * Until that one is deployed, Payara hands {@code /admin} requests to this application: they get a 503 that says so
 * instead of a 404, and ask the launcher for the deployment if it waits for one. A browser opening a console page
 * gets a page that says so and reloads itself; scripts get the JSON error. The launcher sets the JVM-wide flag for
 * that time only, so on Payara Server, where the EAR deploys both at once, this filter passes everything on.
 */
public class AdminStarting extends HttpFilter {

    /** The system property the launcher sets while the admin application is not deployed. */
    public static final String DEPLOYING = "codexauth.admin.deploying";

    private static final Logger LOG = Logger.getLogger(AdminStarting.class.getName());
    private static final ApiException STARTING = new ApiException(503, "admin_starting",
            "The admin application is still starting; try again in a few seconds", null, null, Map.of("Retry-After", "5"));
    /** The launcher's platform MBean that deploys the admin application on demand (dev.codexauth.launcher.AdminDeployment). */
    private static final String DEPLOYMENT = "dev.codexauth:type=AdminDeployment";
    private static final byte[] STARTING_PAGE = page("admin-starting.html");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Boolean.getBoolean(DEPLOYING)) {
            requestDeployment();
            if (isPageNavigation(request)) {
                writePage(response);
            } else {
                HttpErrors.write(response, STARTING);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** A browser loading a page (not a script, not the console's own AJAX calls, which ask for JSON or XML). */
    private static boolean isPageNavigation(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        boolean reads = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return reads && accept != null && accept.contains("text/html") && request.getHeader("Faces-Request") == null;
    }

    private static void writePage(HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(503);
        response.setContentType("text/html;charset=UTF-8");
        STARTING.headers().forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(STARTING_PAGE.length);
        response.getOutputStream().write(STARTING_PAGE);
        response.flushBuffer();
    }

    private static byte[] page(String name) {
        try (InputStream in = AdminStarting.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requestDeployment() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName deployment = new ObjectName(DEPLOYMENT);
            if (server.isRegistered(deployment)) {
                server.invoke(deployment, "request", null, null);
            }
        } catch (JMException e) {
            LOG.warning(() -> "Could not ask the launcher to deploy the admin application: " + e);
        }
    }
}
