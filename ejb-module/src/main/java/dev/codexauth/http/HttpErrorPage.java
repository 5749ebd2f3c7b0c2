package dev.codexauth.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of each application ({@code web.xml}): whatever the servlet container itself refuses or fails at
 * (an unmapped path, an unparsable header, an exception outside JAX-RS) is answered in the JSON error shape instead of
 * the container's HTML report. A 500 carries an incident id that the log line repeats; the exception stays in the log.
 */
public class HttpErrorPage extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HttpErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        if (status == 501) {
            // A servlet's "method not implemented" (PATCH on the console's static files): the client's error, not ours.
            status = 405;
        }
        ApiException error = HttpErrors.forStatus(status);
        if (error.status() >= 500) {
            String incident = UUID.randomUUID().toString();
            Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            LOG.log(Level.SEVERE, "Unexpected error outside the API, incident " + incident, thrown);
            error = new ApiException(500, "internal_error", "Unexpected error", Map.of("incident_id", incident), null, null);
        }
        if (status == 405) {
            response.setHeader("Allow", RequestGate.ALLOWED_METHODS);
        }
        HttpErrors.write(request, response, error);
    }
}
