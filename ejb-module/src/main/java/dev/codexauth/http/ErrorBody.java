package dev.codexauth.http;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The error shape of every API: the original's {@code status} and {@code message}, plus a stable {@code code},
 * {@code errors} for validation failures and {@code details} where the original dropped them. Absent parts are
 * omitted, never null.
 */
@JsonbNillable(false)
@JsonbPropertyOrder({"status", "code", "message", "errors", "details", "data", "incidentId"})
public record ErrorBody(String status, String code, String message, Map<String, List<String>> errors,
                        Map<String, Object> details, Map<String, Object> data, String incidentId) {

    public static ErrorBody of(ApiException e) {
        return new ErrorBody("error", e.code(), e.getMessage(), e.errors(), e.details(), e.data(), null);
    }
}
