package dev.codexauth.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations a server's own OpenAPI document describes, as the fuzzer needs them: method, path template, path and
 * query parameters, the JSON request schema (references resolved) and which credential the route takes.
 */
final class FuzzOperations {

    /** Who may call an operation: nobody in particular, a host (API key) or an admin (API token). */
    enum Caller { PUBLIC, HOST, ADMIN }

    record Operation(String method, String path, List<Parameter> pathParameters, List<Parameter> queryParameters,
                     Schema<?> body, Caller caller) {

        String label() {
            return method + " " + path;
        }
    }

    private static final Set<String> PUBLIC_PREFIXES = Set.of("/versions", "/install/", "/seed/auth/", "/health", "/metrics",
            "/openapi", "/admin/api/session/login");

    private FuzzOperations() {
    }

    static List<Operation> read(String openApiJson) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(openApiJson, null, options).getOpenAPI();
        List<Operation> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            if (operation.getParameters() != null) {
                parameters.addAll(operation.getParameters());
            }
            operations.add(new Operation(method.name(), path,
                    parameters.stream().filter(p -> "path".equals(p.getIn())).toList(),
                    parameters.stream().filter(p -> "query".equals(p.getIn())).toList(),
                    jsonBody(operation), caller(path)));
        }));
        return operations;
    }

    private static Schema<?> jsonBody(io.swagger.v3.oas.models.Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        for (Map.Entry<String, MediaType> content : operation.getRequestBody().getContent().entrySet()) {
            if (content.getKey().contains("json") && content.getValue().getSchema() != null) {
                return content.getValue().getSchema();
            }
        }
        return null;
    }

    private static Caller caller(String path) {
        if (PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)) {
            return Caller.PUBLIC;
        }
        return path.startsWith("/admin/") ? Caller.ADMIN : Caller.HOST;
    }

    /** Methods a path does not declare, which must be answered 405 or 404, never 5xx. */
    static List<String> undeclaredMethods(List<Operation> operations, String path) {
        Set<String> declared = new java.util.HashSet<>();
        operations.stream().filter(o -> o.path().equals(path)).forEach(o -> declared.add(o.method()));
        List<String> others = new ArrayList<>();
        for (PathItem.HttpMethod method : PathItem.HttpMethod.values()) {
            if (!declared.contains(method.name())) {
                others.add(method.name());
            }
        }
        return others;
    }
}
