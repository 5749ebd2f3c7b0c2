package dev.codexauth.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 422 with the failing fields: {@code {"status":"error","message":"Validation failed","errors":{field:[...]}}}. */
public class ValidationFailed extends ApiException {

    public ValidationFailed(Map<String, List<String>> errors) {
        super(422, "validation_failed", "Validation failed", null, errors, null);
    }

    public static ValidationFailed of(String field, String message) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        errors.put(field, List.of(message));
        return new ValidationFailed(errors);
    }
}
