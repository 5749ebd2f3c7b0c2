package dev.codexauth.http;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The error responses of the OpenAPI document, each an {@link ErrorBody} named in {@code components.responses}
 * (src/main/openapi/document.yaml), and those the request pipeline gives an operation by its shape alone: a body can
 * be malformed, too large, too slow, of a type the gate refuses or invalid ({@link RequestGate}, the JSON readers); a protected
 * operation can be refused its caller or rate limited; a path variable can name nothing.
 */
final class ApiErrors {

    private static final Map<String, String> RESPONSE_BY_STATUS = Map.ofEntries(
            Map.entry("400", "BadRequest"),
            Map.entry("401", "Unauthenticated"),
            Map.entry("403", "Forbidden"),
            Map.entry("404", "NotFound"),
            Map.entry("408", "BodyTimeout"),
            Map.entry("409", "Conflict"),
            Map.entry("413", "PayloadTooLarge"),
            Map.entry("415", "UnsupportedMediaType"),
            Map.entry("422", "ValidationFailed"),
            Map.entry("429", "TooManyRequests"),
            Map.entry("503", "Unavailable"));

    private ApiErrors() {
    }

    static void addPipelineErrors(Operation operation) {
        if (operation.getRequestBody() != null) {
            add(operation, "400", "408", "413", "415", "422", "429");
        }
        if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            add(operation, "404");
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            add(operation, "401", "403", "429");
        }
    }

    /** Adds the named error response for each status the operation does not describe itself. */
    static void add(Operation operation, String... statuses) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        for (String status : statuses) {
            if (!operation.getResponses().hasAPIResponse(status)) {
                operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                        .ref("#/components/responses/" + RESPONSE_BY_STATUS.get(status)));
            }
        }
    }
}
