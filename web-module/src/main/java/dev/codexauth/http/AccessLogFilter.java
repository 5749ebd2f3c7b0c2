package dev.codexauth.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * One log line and one timer sample per request, keyed by the route template ({@code POST /auth},
 * {@code GET /install/{token}}) so that neither the log nor the metrics ever carry a token from a path. Bodies,
 * headers and query strings are never logged.
 */
@Provider
@Priority(1)
@ApplicationScoped
public class AccessLogFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger("dev.codexauth.access");

    @Inject
    HostRequest request;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "http.access.log", defaultValue = "true")
    boolean accessLog;

    @Context
    ResourceInfo resource;

    /** Route templates by resource method, and timers by route and status: built once, not per request. */
    private final Map<Method, String> routes = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext requestContext, ContainerResponseContext response) {
        long nanos = System.nanoTime() - request.startedNanos();
        String route = requestContext.getMethod() + " " + routeOf();
        int status = response.getStatus();
        timers.computeIfAbsent(route + ' ' + status, key -> metrics.timer("http.server.requests", new Tag("route", route),
                new Tag("status", String.valueOf(status)))).update(Duration.ofNanos(nanos));
        if (accessLog && LOG.isLoggable(Level.INFO)) {
            LOG.info(String.format("%s %s -> %d %.1f ms ip=%s", requestContext.getMethod(),
                    Redaction.path(requestContext.getUriInfo().getPath()), response.getStatus(), nanos / 1e6,
                    request.clientIp()));
        }
    }

    private String routeOf() {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method == null ? "unmatched" : routes.computeIfAbsent(method, this::template);
    }

    private String template(Method method) {
        StringBuilder template = new StringBuilder();
        Path type = resource.getResourceClass().getAnnotation(Path.class);
        if (type != null) {
            template.append('/').append(type.value().replaceAll("^/|/$", ""));
        }
        Path sub = method.getAnnotation(Path.class);
        if (sub != null) {
            template.append('/').append(sub.value().replaceAll("^/|/$", ""));
        }
        return template.isEmpty() ? "/" : template.toString();
    }
}
