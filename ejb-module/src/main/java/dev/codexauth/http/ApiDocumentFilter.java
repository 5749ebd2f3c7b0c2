package dev.codexauth.http;

import dev.codexauth.host.control.BaseUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes one application's OpenAPI document its part of the server's single document at {@code /openapi}
 * (docs/api.md). Payara builds a document per application (META-INF/openapi.yaml, then the annotations), runs the
 * application's {@code mp.openapi.filter} on it, and merges the documents. So each application states its paths
 * from the server root, names the one server clients call ({@code PUBLIC_BASE_URL}, else the relative {@code /}) and
 * follows the conventions both APIs share: a success is {@code {"status":"ok","data":...}} ({@link Envelope}), whose
 * {@code data} schema the resources declare, and a failure is an {@link ErrorBody}, also where the request pipeline
 * answers before any resource runs.
 */
public abstract class ApiDocumentFilter implements OASFilter {

    /**
     * Extension naming the schema of an operation's JSON body, for resources that read their body themselves
     * ({@code HostRequest}): Payara documents a body, and applies {@code @RequestBody}, only for an entity parameter.
     */
    public static final String JSON_BODY = "x-json-body";
    /** Marks an operation whose JSON answers are a protocol's own messages, not the envelope ({@code POST /mcp}). */
    public static final String RAW_JSON = "x-raw-json";

    /** Extension marking an operation whose successes are bare JSON objects, not the envelope (clients of seed 002). */
    public static final String BARE_JSON = "x-bare-json";

    private static final String JSON = "application/json";

    private final String contextRoot;

    /** @param contextRoot the application's context root as clients see it: {@code ""} for {@code /} */
    protected ApiDocumentFilter(String contextRoot) {
        this.contextRoot = contextRoot;
    }

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.setServers(List.of(OASFactory.createServer().url(serverUrl())));
        if (document.getPaths() != null) {
            document.getPaths().getPathItems().values()
                    .forEach(item -> item.getOperations().values().forEach(ApiDocumentFilter::declareJsonBody));
        }
        document.setPaths(ApiPathTemplates.fromServerRoot(document.getPaths(), contextRoot));
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach((method, operation) -> {
            if (operation.getExtensions() != null && operation.getExtensions().containsKey(BARE_JSON)) {
                operation.removeExtension(BARE_JSON);
            } else {
                wrapSuccesses(operation, document.getComponents());
            }
            ApiErrors.addPipelineErrors(operation);
            completeOperation(method, operation);
        }));
        document.setTags(usedTags(document));
    }

    /** What this application adds to each of its operations beyond the shared conventions. */
    protected abstract void completeOperation(PathItem.HttpMethod method, Operation operation);

    /** Adds the shared error response of each status ({@code "503"}, ...) that the operation does not describe itself. */
    protected static void addErrors(Operation operation, String... statuses) {
        ApiErrors.add(operation, statuses);
    }

    private String serverUrl() {
        return ConfigProvider.getConfig(getClass().getClassLoader()).getOptionalValue("public.base.url", String.class)
                .flatMap(BaseUrls::valid).orElse("/");
    }

    private static void declareJsonBody(Operation operation) {
        Object schema = operation.getExtensions() == null ? null : operation.getExtensions().get(JSON_BODY);
        if (schema != null) {
            operation.removeExtension(JSON_BODY);
            MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema.toString()));
            operation.setRequestBody(OASFactory.createRequestBody()
                    .content(OASFactory.createContent().addMediaType(JSON, json)));
        }
    }

    /** A JSON success carries its data in the envelope; a referenced data schema gets a named envelope for generators. */
    private static void wrapSuccesses(Operation operation, Components components) {
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(RAW_JSON)) {
            operation.removeExtension(RAW_JSON);
            return;
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            MediaType json = status.startsWith("2") && response.getContent() != null ? response.getContent().getMediaType(JSON) : null;
            if (json != null && json.getSchema() != null) {
                json.setSchema(envelope(json.getSchema(), components));
            }
        });
    }

    private static Schema envelope(Schema data, Components components) {
        Schema envelope = OASFactory.createSchema().type(Schema.SchemaType.OBJECT).required(List.of("status", "data"))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.STRING).enumeration(List.of("ok")))
                .addProperty("data", data);
        if (data.getRef() == null) {
            return envelope;
        }
        String name = data.getRef().substring(data.getRef().lastIndexOf('/') + 1) + "Envelope";
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            components.addSchema(name, envelope);
        }
        return OASFactory.createSchema().ref(name);
    }

    /**
     * The tags this application's operations use, once each, described ones first: Payara adds a tag per annotated
     * class, and the merge of the applications' documents concatenates their tag lists.
     */
    private static List<Tag> usedTags(OpenAPI document) {
        Set<String> used = document.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .map(Operation::getTags).filter(Objects::nonNull).flatMap(List::stream).collect(Collectors.toSet());
        Map<String, Tag> byName = new LinkedHashMap<>();
        if (document.getTags() != null) {
            document.getTags().stream().filter(tag -> used.contains(tag.getName()))
                    .sorted((a, b) -> Boolean.compare(a.getDescription() == null, b.getDescription() == null))
                    .forEach(tag -> byName.putIfAbsent(tag.getName(), tag));
        }
        return List.copyOf(byName.values());
    }
}
