package dev.codexauth.http;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller caused or must know about, with the HTTP status, a stable machine code and a human message.
 * Subclasses name each kind of failure; {@link ApiExceptionMapper} turns all of them into the one JSON error shape.
 * Thrown through EJBs unwrapped, rolling back their transaction.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;
    private final transient Map<String, List<String>> errors;
    private final transient Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null, null);
    }

    public ApiException(int status, String code, String message, Map<String, Object> details,
                        Map<String, List<String>> errors, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.errors = errors;
        this.headers = headers == null ? Map.of() : headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra facts about the failure ({@code expected_ip}, {@code reset_at}, ...), or null. */
    public Map<String, Object> details() {
        return details;
    }

    /** Field errors of a validation failure, or null. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A {@code data} member of the error body, where the original had one (rate limits), or null. */
    public Map<String, Object> data() {
        return null;
    }
}
