package dev.codexauth.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.json.bind.config.PropertyVisibilityStrategy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as both APIs speak it: snake_case member names from Java's camelCase record components, nulls written
 * (hosts expect {@code "canonical_digest": null}), members sorted by name. Bodies are records, whose
 * components JSON-B 3.0 reads through their (private) fields, since record accessors are not bean getters.
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = create();

    public static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL)
                .withNullValues(true)
                .withPropertyVisibilityStrategy(new RecordComponents()));
    }

    /** Every field is a property, no method is: exactly a record's components. */
    private static final class RecordComponents implements PropertyVisibilityStrategy {
        @Override
        public boolean isVisible(Field field) {
            return !java.lang.reflect.Modifier.isStatic(field.getModifiers());
        }

        @Override
        public boolean isVisible(Method method) {
            return false;
        }
    }

    public static Jsonb jsonb() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
