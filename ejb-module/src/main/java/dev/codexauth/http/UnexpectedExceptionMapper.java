package dev.codexauth.http;

import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: whatever escaped a resource becomes a JSON error. Client mistakes that the framework detects
 * (unknown route, a method the route does not take, unreadable JSON, a body over the limit) get their 4xx;
 * a transaction rolled back by a concurrent one is a 503 to send again ({@link DatabaseConflict}); anything else is a
 * 500 with an incident id that is also in the server log with the stack trace, which never reaches the caller.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof ApiException api) {
            return ApiExceptionMapper.toResponseOf(api);
        }
        if (e instanceof NotFoundException) {
            return ApiExceptionMapper.toResponseOf(new RouteNotFound());
        }
        if (e instanceof NotAllowedException notAllowed) {
            String allowed = String.join(", ", notAllowed.getResponse().getAllowedMethods());
            return ApiExceptionMapper.toResponseOf(new ApiException(405, "method_not_allowed", "Method not allowed here; allowed: "
                    + allowed, null, null, Map.of("Allow", allowed)));
        }
        ApiException refusedBody = BodyRefused.answerFor(e);
        if (refusedBody != null) {
            return ApiExceptionMapper.toResponseOf(refusedBody);
        }
        if (e instanceof ForbiddenException) {
            boolean anonymous = security == null || security.getUserPrincipal() == null;
            return ApiExceptionMapper.toResponseOf(anonymous
                    ? new ApiException(401, "unauthenticated", "Sign in required")
                    : new ApiException(403, "forbidden", "Your role does not allow this"));
        }
        if (e instanceof JsonParsingException || e instanceof JsonbException || e instanceof JsonException) {
            return ApiExceptionMapper.toResponseOf(new InvalidJson());
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return ApiExceptionMapper.toResponseOf(HttpErrors.forStatus(web.getResponse().getStatus()));
        }
        Incident incident = Incident.of(request, e);
        if (DatabaseConflict.causedIt(e)) {
            if (incident.first()) {
                LOG.warning(() -> "rolled back by a concurrent change, answered 503: " + summary(e));
            }
            return ApiExceptionMapper.toResponseOf(DatabaseConflict.answer());
        }
        if (incident.first()) {
            LOG.log(Level.SEVERE, "Unexpected error, incident " + incident.id(), e);
        }
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("error", "internal_error", "Unexpected error", null, null, null, incident.id()))
                .build();
    }

    /**
     * One failure's incident. Jersey's mapper for exceptions from EJBs calls this mapper twice for one failure (first to
     * ask whether it maps it, then to map it), so the failure was logged twice, under two incident ids of which the
     * caller saw one. The request remembers the failure it mapped: the second call gets the first's id and logs nothing.
     */
    private record Incident(Throwable failure, String id, boolean first) {

        private static final String ATTRIBUTE = Incident.class.getName();

        static Incident of(HttpServletRequest request, Throwable failure) {
            if (request != null && request.getAttribute(ATTRIBUTE) instanceof Incident known && known.failure() == failure) {
                return new Incident(failure, known.id(), false);
            }
            Incident incident = new Incident(failure, UUID.randomUUID().toString(), true);
            if (request != null) {
                request.setAttribute(ATTRIBUTE, incident);
            }
            return incident;
        }
    }

    /** The failure's first line: Hibernate's names the statement that lost, with placeholders, never bound values. */
    private static String summary(Throwable e) {
        return Redaction.text(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 400);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof EJBException || current.getClass().getName().endsWith("TransactionRolledbackLocalException"))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
