package dev.codexauth.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The Micro launcher opens the listener as soon as the host API is deployed and deploys the admin application after
 * it (docs/performance.md, start-up). Until that one is deployed, Payara hands {@code /admin} requests to this
 * application: they get a 503 that says so instead of a 404. The launcher sets the JVM-wide flag for those seconds
 * only, so on Payara Server, where the EAR deploys both at once, this filter passes everything on.
 */
public class AdminStarting extends HttpFilter {

    /** The system property the launcher sets while the admin application deploys. */
    public static final String DEPLOYING = "codexauth.admin.deploying";

    private static final ApiException STARTING = new ApiException(503, "admin_starting",
            "The admin application is still starting; try again in a few seconds", null, null, Map.of("Retry-After", "5"));

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Boolean.getBoolean(DEPLOYING)) {
            HttpErrors.write(response, STARTING);
            return;
        }
        chain.doFilter(request, response);
    }
}
