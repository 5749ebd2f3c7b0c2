package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running server serves at {@code /openapi} is one a client generator can use
 * (docs/api.md): valid for swagger-parser, one server, paths from the server root without regular expressions, a
 * unique operation id, typed bodies and answers and the credentials of every operation, and every JAX-RS route of
 * both applications, found by reflection, documented.
 */
class OpenApiDocumentIT {

    /** Routes anyone may call; every other route names its credentials. Making a route public is decided here. */
    private static final Set<String> PUBLIC = Set.of("GET /versions", "GET /install/{token}", "HEAD /install/{token}",
            "GET /seed/auth/{token}", "POST /seed/auth/{token}", "POST /admin/api/session/login", "GET /mcp", "OPTIONS /mcp",
            "GET /signin", "GET /signin/app.js", "GET /signin/app.css", "POST /xo-auth/start", "GET /xo-auth/status/{auth_session_id}",
            "POST /xo-auth/consume", "GET /xo-auth/state", "GET /install/login", "GET /api/codex/status", "GET /api/claude/status",
            "GET /api/mcp/status");

    /** MCP's Streamable HTTP transport: JSON-RPC messages and bare statuses instead of the envelope (docs/mcp.md). */
    private static final Set<String> PROTOCOL = Set.of("POST /mcp", "GET /mcp", "DELETE /mcp", "OPTIONS /mcp");

    /** Routes of seed 002's command-line clients: bare JSON answers and {"detail"} errors instead of the envelope. */
    private static final String BARE = "/xo-auth/";

    /** Seed 002's bootstrap routes at the server root: bare JSON like {@link #BARE}, for admin API tokens only. */
    private static final List<String> SEED_BOOTSTRAP = List.of("/claude/setup-token", "/codex/setup", "/debug/ai-auth");

    /** Payara adds a member of its own to the document (the paths of each context root); clients ignore it. */
    private static final Set<String> TOLERATED_PARSER_MESSAGES = Set.of("attribute endpoints is unexpected");

    private static OpenAPI document;
    private static List<String> parserMessages;
    private static List<JaxRsRoutes.Route> routes;
    private static RunningServer server;

    /** One operation of the document. */
    private record Documented(String method, String path, Operation operation) {

        String key() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void fetchDocumentAndRoutes() throws Exception {
        server = RunningServer.shared();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/openapi"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, new ParseOptions());
        parserMessages = parsed.getMessages() == null ? List.of() : parsed.getMessages();
        parserMessages.forEach(message -> System.out.println("swagger-parser: " + message));
        document = parsed.getOpenAPI();
        Path deploy = Path.of(System.getProperty("dist.dir", "target/dist"), "deploy");
        routes = Stream.concat(JaxRsRoutes.of(deploy.resolve("ROOT"), "").stream(),
                JaxRsRoutes.of(deploy.resolve("admin"), "/admin").stream()).toList();
        System.out.printf("OpenAPI: %d operations on %d paths, %d JAX-RS routes%n", operations().size(), document.getPaths().size(),
                routes.size());
    }

    @Test
    void swaggerParserFindsNothingToFix() {
        assertThat(document).isNotNull();
        assertThat(parserMessages).filteredOn(message -> !TOLERATED_PARSER_MESSAGES.contains(message)).isEmpty();
    }

    @Test
    void oneDocumentFromTheServerRootWithOneServer() {
        assertThat(document.getInfo().getTitle()).isEqualTo("Codex Auth Central");
        assertThat(document.getInfo().getVersion()).isEqualTo(System.getProperty("project.version"));
        assertThat(document.getInfo().getDescription()).contains("Host API", "Admin API");
        assertThat(document.getServers()).singleElement()
                .satisfies(only -> assertThat(only.getUrl()).isEqualTo("http://127.0.0.1:" + server.port()));
        assertThat(document.getPaths().keySet()).contains("/auth", "/versions", "/slash-commands/store", "/skills/store",
                        "/admin/api/hosts/{id}", "/admin/api/slash-commands/{name}", "/admin/api/skills/{name}")
                .allSatisfy(path -> assertThat(path).doesNotContain(":", "|", "[", "]", "\\", "+", "*", "(", " "));
    }

    @Test
    void everyJaxRsRouteIsDocumentedAndNothingElse() {
        Set<String> implemented = routes.stream().map(JaxRsRoutes.Route::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = operations().stream().map(Documented::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).as("documented routes").containsExactlyInAnyOrderElementsOf(implemented);
    }

    @Test
    void everyOperationHasItsOwnId() {
        List<String> ids = operations().stream().map(d -> d.operation().getOperationId()).toList();
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[a-z][A-Za-z0-9]+"));
    }

    @Test
    void everyOperationAnswersATypedSuccess() {
        int typed = 0;
        for (Documented documented : operations()) {
            if (PROTOCOL.contains(documented.key())) {
                continue;
            }
            Map<String, ApiResponse> successes = documented.operation().getResponses().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("2")).collect(Collectors.toMap(Map.Entry::getKey, e -> response(e.getValue())));
            assertThat(successes).as(documented.key()).isNotEmpty();
            assertThat(documented.operation().getResponses()).as(documented.key()).doesNotContainKey("default");
            if (documented.method().equals("HEAD")) {
                continue;
            }
            for (ApiResponse success : successes.values()) {
                assertThat(success.getContent()).as(documented.key()).isNotEmpty();
                success.getContent().forEach((type, media) -> {
                    if (type.equals("application/json") && bare(documented)) {
                        assertThat(typed(media.getSchema())).as(documented.key()).isTrue();
                    } else if (type.equals("application/json")) {
                        Schema<?> envelope = resolve(media.getSchema());
                        assertThat(envelope.getRequired()).as(documented.key()).containsExactlyInAnyOrder("status", "data");
                        assertThat(String.valueOf(resolve(envelope.getProperties().get("status")).getEnum())).isEqualTo("[ok]");
                        assertThat(typed(envelope.getProperties().get("data"))).as(documented.key() + " data").isTrue();
                    } else {
                        assertThat(resolve(media.getSchema()).getType()).as(documented.key() + " " + type).isEqualTo("string");
                    }
                });
            }
            typed++;
        }
        System.out.printf("OpenAPI: %d operations answer a typed success (HEAD has no body)%n", typed);
    }

    @Test
    void everyBodyIsTypedJson() {
        Map<String, Operation> byRoute = operations().stream().collect(Collectors.toMap(Documented::key, Documented::operation));
        for (JaxRsRoutes.Route route : routes) {
            boolean takesBody = route.entityParameter() || route.readsHostRequest() && Set.of("POST", "PUT").contains(route.method());
            if (takesBody) {
                assertThat(byRoute.get(route.key()).getRequestBody()).as(route.key() + " (" + route.javaMethod() + ")").isNotNull();
            }
        }
        long bodies = 0;
        for (Documented documented : operations()) {
            if (documented.operation().getRequestBody() != null) {
                Content content = documented.operation().getRequestBody().getContent();
                assertThat(content).as(documented.key()).containsKey("application/json");
                content.forEach((type, media) -> assertThat(typed(media.getSchema())).as(documented.key() + " " + type).isTrue());
                bodies++;
            }
        }
        System.out.printf("OpenAPI: %d operations take a typed JSON body%n", bodies);
    }

    @Test
    void everyJsonErrorIsTheErrorBody() {
        for (Documented documented : operations()) {
            if (PROTOCOL.contains(documented.key())) {
                continue;
            }
            documented.operation().getResponses().forEach((status, response) -> {
                ApiResponse resolved = response(response);
                assertThat(resolved.getDescription()).as(documented.key() + " " + status).isNotBlank();
                MediaType json = resolved.getContent() == null ? null : resolved.getContent().get("application/json");
                if (!status.startsWith("2") && json != null) {
                    assertThat(json.getSchema().get$ref()).as(documented.key() + " " + status).isIn("#/components/schemas/ErrorBody",
                            bare(documented) ? "#/components/schemas/DetailBody" : "#/components/schemas/ErrorBody");
                }
            });
        }
        assertThat(resolve(new Schema<>().$ref("#/components/schemas/ErrorBody")).getRequired())
                .containsExactlyInAnyOrder("status", "code", "message");
    }

    @Test
    void protectedOperationsNameTheirCredentials() {
        Map<String, String> schemes = document.getComponents().getSecuritySchemes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> describe(e.getValue())));
        assertThat(schemes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hostApiKey", "apiKey header X-API-Key", "hostBearer", "http bearer",
                "adminToken", "http bearer", "adminSession", "apiKey cookie JSESSIONID", "adminCsrf", "apiKey header X-CSRF-Token",
                "clerkSession", "http bearer", "llmToken", "http bearer", "stripeSignature", "apiKey header Stripe-Signature",
                "svixSignature", "apiKey header svix-signature"));
        for (Documented documented : operations()) {
            List<SecurityRequirement> security = documented.operation().getSecurity();
            if (PUBLIC.contains(documented.key())) {
                assertThat(security).as(documented.key()).isNullOrEmpty();
            } else if (documented.path().startsWith("/admin/")) {
                boolean changing = !Set.of("GET", "HEAD").contains(documented.method());
                assertThat(security).as(documented.key()).containsExactlyInAnyOrder(requirement("adminToken"),
                        changing ? requirement("adminSession", "adminCsrf") : requirement("adminSession"));
            } else if (seedBootstrap(documented)) {
                assertThat(security).as(documented.key()).containsExactly(requirement("adminToken"));
            } else if (documented.path().startsWith("/api/v1/billing/")) {
                assertThat(security).as(documented.key()).containsExactly(requirement("stripeSignature"));
            } else if (documented.path().equals("/api/v1/identity/clerk/webhook")) {
                assertThat(security).as(documented.key()).containsExactly(requirement("svixSignature"));
            } else if (documented.path().startsWith("/api/v1/") || bare(documented)) {
                assertThat(security).as(documented.key()).isNotEmpty()
                        .allSatisfy(r -> assertThat(List.of(requirement("clerkSession"), requirement("llmToken"))).contains(r));
            } else {
                assertThat(security).as(documented.key()).containsExactlyInAnyOrder(requirement("hostApiKey"), requirement("hostBearer"));
            }
        }
    }

    private static boolean bare(Documented documented) {
        return documented.path().startsWith(BARE) || seedBootstrap(documented);
    }

    private static boolean seedBootstrap(Documented documented) {
        return SEED_BOOTSTRAP.stream().anyMatch(documented.path()::startsWith);
    }

    private static List<Documented> operations() {
        List<Documented> operations = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.add(new Documented(method.name(), path, operation))));
        return operations;
    }

    private static String describe(SecurityScheme scheme) {
        return scheme.getType() == SecurityScheme.Type.HTTP ? "http " + scheme.getScheme()
                : scheme.getType() + " " + scheme.getIn() + " " + scheme.getName();
    }

    private static SecurityRequirement requirement(String... schemes) {
        SecurityRequirement requirement = new SecurityRequirement();
        Stream.of(schemes).forEach(requirement::addList);
        return requirement;
    }

    private static ApiResponse response(ApiResponse response) {
        return response.get$ref() == null ? response
                : document.getComponents().getResponses().get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
    }

    private static Schema<?> resolve(Schema<?> schema) {
        Schema<?> resolved = schema;
        while (resolved != null && resolved.get$ref() != null) {
            resolved = document.getComponents().getSchemas().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
        }
        assertThat(resolved).as("schema " + (schema == null ? null : schema.get$ref())).isNotNull();
        return resolved;
    }

    /**
     * A schema that says what it holds: named properties, typed parts of a composition, typed items, a typed value
     * map or a scalar. A bare {@code {type: object}} says nothing; free-form members inside a typed object may.
     */
    private static boolean typed(Schema<?> schema) {
        Schema<?> resolved = resolve(schema);
        List<Schema> parts = Stream.of(resolved.getAllOf(), resolved.getOneOf(), resolved.getAnyOf())
                .filter(list -> list != null).flatMap(List::stream).toList();
        if (!parts.isEmpty()) {
            return parts.stream().allMatch(OpenApiDocumentIT::typed);
        }
        if ("array".equals(resolved.getType())) {
            return resolved.getItems() != null && typed(resolved.getItems());
        }
        if (resolved.getType() == null || "object".equals(resolved.getType())) {
            return resolved.getProperties() != null && !resolved.getProperties().isEmpty()
                    || resolved.getAdditionalProperties() instanceof Schema<?> values && typed(values);
        }
        return true;
    }
}
