package dev.codexauth.identity.control;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What an {@code xwllm_} token may do (spec/identity.md): read and write the person API, use MCP, enrol hosts. */
public final class Scopes {

    public static final String API_READ = "api:read";
    public static final String API_WRITE = "api:write";
    public static final String MCP = "mcp";
    public static final String HOSTS_ENROLL = "hosts:enroll";
    public static final List<String> ALL = List.of(API_READ, API_WRITE, MCP, HOSTS_ENROLL);
    /** Enrolling hosts is a power a person asks for; the rest is what an agent needs day to day. */
    static final Set<String> DEFAULT = Collections.unmodifiableSet(new TreeSet<>(List.of(API_READ, API_WRITE, MCP)));

    private Scopes() {
    }

    /** @return the requested scopes, or the default when absent; 422 for anything else than a list of known scopes */
    public static Set<String> requested(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return DEFAULT;
        }
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            throw invalid();
        }
        Set<String> scopes = new TreeSet<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonString scope) || !ALL.contains(scope.getString())) {
                throw invalid();
            }
            scopes.add(scope.getString());
        }
        return scopes;
    }

    static Set<String> parse(String stored) {
        return new LinkedHashSet<>(Arrays.asList(stored.trim().split(" +")));
    }

    private static ValidationFailed invalid() {
        return ValidationFailed.of("scopes", "scopes must be a non-empty list of " + String.join(", ", ALL));
    }
}
