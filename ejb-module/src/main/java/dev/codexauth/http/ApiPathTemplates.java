package dev.codexauth.http;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * JAX-RS path templates as OpenAPI templates seen from the server root. OpenAPI has no regular expressions in
 * templates: {@code /api/hosts/{id: [0-9]+}} of the admin application becomes {@code /admin/api/hosts/{id}} with
 * an integer {@code id}, and a variable that only chooses between literals ({@code {kind: slash-commands|skills}})
 * becomes one path per literal. Operation ids and schema references written {@code a|b} on such a route name
 * each literal's own, in the literals' order.
 */
final class ApiPathTemplates {

    /** {@code {name: regex}}; the expressions of our routes contain no braces. */
    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([^{}]+?)\\s*}");
    private static final Pattern LITERAL_CHOICE = Pattern.compile("[\\w.-]+(\\|[\\w.-]+)+");
    private static final Set<String> WHOLE_NUMBER = Set.of("[0-9]+", "\\d+");

    private ApiPathTemplates() {
    }

    static Paths fromServerRoot(Paths scanned, String contextRoot) {
        Paths rooted = OASFactory.createPaths();
        if (scanned != null) {
            scanned.getPathItems().forEach((template, item) -> expand(contextRoot + template, item, rooted));
        }
        return rooted;
    }

    private static void expand(String template, PathItem item, Paths into) {
        Matcher variable = VARIABLE.matcher(template);
        while (variable.find()) {
            if (LITERAL_CHOICE.matcher(variable.group(2)).matches()) {
                String[] literals = variable.group(2).split("\\|");
                for (int choice = 0; choice < literals.length; choice++) {
                    String concrete = template.substring(0, variable.start()) + literals[choice] + template.substring(variable.end());
                    expand(concrete, chosen(item, variable.group(1), choice), into);
                }
                return;
            }
        }
        variable.reset();
        StringBuilder plain = new StringBuilder();
        while (variable.find()) {
            describeVariable(item, variable.group(1), variable.group(2));
            variable.appendReplacement(plain, Matcher.quoteReplacement("{" + variable.group(1) + "}"));
        }
        variable.appendTail(plain);
        into.addPathItem(plain.toString(), item);
    }

    /** A whole-number expression makes an integer; any other keeps the string and states the expression. */
    private static void describeVariable(PathItem item, String name, String regex) {
        Schema schema = WHOLE_NUMBER.contains(regex)
                ? OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64")
                : OASFactory.createSchema().type(Schema.SchemaType.STRING).pattern("^" + regex + "$");
        item.getOperations().values().stream().filter(operation -> operation.getParameters() != null)
                .flatMap(operation -> operation.getParameters().stream())
                .filter(parameter -> isPathVariable(parameter, name))
                .forEach(parameter -> parameter.setSchema(schema));
    }

    private static PathItem chosen(PathItem item, String variable, int choice) {
        PathItem chosen = OASFactory.createPathItem();
        item.getOperations().forEach((method, operation) -> chosen.setOperation(method, chosen(operation, variable, choice)));
        return chosen;
    }

    private static Operation chosen(Operation operation, String variable, int choice) {
        List<Parameter> parameters = operation.getParameters() == null ? null
                : operation.getParameters().stream().filter(parameter -> !isPathVariable(parameter, variable)).toList();
        RequestBody body = operation.getRequestBody();
        return OASFactory.createOperation()
                .operationId(choice(operation.getOperationId(), choice))
                .summary(operation.getSummary())
                .description(operation.getDescription())
                .tags(operation.getTags())
                .security(operation.getSecurity())
                .deprecated(operation.getDeprecated())
                .parameters(parameters)
                .requestBody(body == null ? null : OASFactory.createRequestBody().description(body.getDescription())
                        .required(body.getRequired()).content(chosen(body.getContent(), choice)))
                .responses(chosen(operation.getResponses(), choice));
    }

    private static APIResponses chosen(APIResponses responses, int choice) {
        if (responses == null) {
            return null;
        }
        APIResponses chosen = OASFactory.createAPIResponses();
        responses.getAPIResponses().forEach((status, response) -> chosen.addAPIResponse(status, OASFactory.createAPIResponse()
                .ref(response.getRef()).description(response.getDescription()).headers(response.getHeaders())
                .content(chosen(response.getContent(), choice))));
        return chosen;
    }

    private static Content chosen(Content content, int choice) {
        if (content == null) {
            return null;
        }
        Content chosen = OASFactory.createContent();
        content.getMediaTypes().forEach((type, media) -> chosen.addMediaType(type, OASFactory.createMediaType()
                .schema(chosen(media.getSchema(), choice)).example(media.getExample())));
        return chosen;
    }

    private static Schema chosen(Schema schema, int choice) {
        if (schema == null || schema.getRef() == null) {
            return schema;
        }
        String ref = schema.getRef();
        int name = ref.lastIndexOf('/') + 1;
        return OASFactory.createSchema().ref(ref.substring(0, name) + choice(ref.substring(name), choice));
    }

    /** The {@code choice}-th part of {@code a|b}; a value without alternatives is the same for every literal. */
    private static String choice(String value, int choice) {
        if (value == null || !value.contains("|")) {
            return value;
        }
        String[] parts = value.split("\\|");
        if (choice >= parts.length) {
            throw new IllegalStateException("'" + value + "' names fewer alternatives than its route has literals");
        }
        return parts[choice];
    }

    private static boolean isPathVariable(Parameter parameter, String name) {
        return parameter.getIn() == Parameter.In.PATH && name.equals(parameter.getName());
    }
}
