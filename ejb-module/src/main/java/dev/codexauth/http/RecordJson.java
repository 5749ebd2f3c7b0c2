package dev.codexauth.http;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.stream.JsonGenerator;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a record as JSON exactly as {@link JsonConfig}'s JSON-B does (snake_case names in lexicographical order,
 * nulls written unless {@code @JsonbNillable(false)}), straight onto a JSON-P generator. JSON-B's implementation
 * (Yasson) checks every object it writes for cycles in an equality-based set, which computes each record's deep
 * {@code hashCode} again at every level of nesting: on {@code POST /auth} that was 18 % of the server's CPU time.
 * Only plain shapes are written here: strings, {@code boolean}, {@code int}, {@code long}, finite {@code double},
 * {@code BigDecimal}, JSON-P values, collections, maps with string keys and records made of them, without other JSON-B annotations.
 * Anything else raises {@link Unsupported} before or while writing, and the caller lets JSON-B write the value.
 */
public final class RecordJson {

    /** The value holds something only JSON-B knows how to write; whatever was written so far must be discarded. */
    public static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private record Property(String name, Method accessor, boolean nillable) {
    }

    /** A record's properties in writing order, or null when JSON-B must write the type. */
    private record Model(List<Property> properties) {
    }

    private static final Set<Class<? extends Annotation>> ONLY_JSONB_KNOWS = Set.of(
            jakarta.json.bind.annotation.JsonbProperty.class, jakarta.json.bind.annotation.JsonbPropertyOrder.class,
            jakarta.json.bind.annotation.JsonbTransient.class, jakarta.json.bind.annotation.JsonbTypeAdapter.class,
            jakarta.json.bind.annotation.JsonbTypeSerializer.class, jakarta.json.bind.annotation.JsonbNumberFormat.class,
            jakarta.json.bind.annotation.JsonbDateFormat.class, jakarta.json.bind.annotation.JsonbSubtype.class,
            jakarta.json.bind.annotation.JsonbTypeInfo.class);

    private static final ClassValue<Model> MODELS = new ClassValue<>() {
        @Override
        protected Model computeValue(Class<?> type) {
            return model(type);
        }
    };

    private RecordJson() {
    }

    /** Writes {@code value} as the next value of {@code out} (after a key inside an object, or in an array). */
    public static void write(Object value, JsonGenerator out) throws Unsupported {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.write(text);
        } else if (value instanceof Boolean flag) {
            out.write(flag);
        } else if (value instanceof Integer number) {
            out.write(number);
        } else if (value instanceof Long number) {
            out.write(number);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            out.write(number);
        } else if (value instanceof BigDecimal number) {
            out.write(number);
        } else if (value instanceof JsonValue json) {
            out.write(json);
        } else if (value instanceof Record record) {
            writeRecord(record, out);
        } else if (value instanceof Collection<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(item, out);
            }
            out.writeEnd();
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out);
        } else {
            throw new Unsupported(value.getClass().getName());
        }
    }

    private static void writeRecord(Record record, JsonGenerator out) throws Unsupported {
        Model model = MODELS.get(record.getClass());
        if (model == null) {
            throw new Unsupported(record.getClass().getName());
        }
        out.writeStartObject();
        for (Property property : model.properties()) {
            Object value = read(property, record);
            if (value != null || property.nillable()) {
                out.writeKey(property.name());
                write(value, out);
            }
        }
        out.writeEnd();
    }

    private static void writeMap(Map<?, ?> map, JsonGenerator out) throws Unsupported {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new Unsupported("a map key of " + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            out.writeKey(key);
            write(entry.getValue(), out);
        }
        out.writeEnd();
    }

    private static Object read(Property property, Record record) {
        try {
            return property.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException unreadable) {
            throw new IllegalStateException("cannot read " + property.name() + " of " + record.getClass().getName(), unreadable);
        }
    }

    private static Model model(Class<?> type) {
        if (!type.isRecord() || hasJsonbOnlyAnnotation(type.getAnnotations()) || type.getPackage().getAnnotation(JsonbNillable.class) != null) {
            return null;
        }
        JsonbNillable typeNillable = type.getAnnotation(JsonbNillable.class);
        boolean nullsByDefault = typeNillable == null || typeNillable.value();
        List<Property> properties = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Field field;
            try {
                field = type.getDeclaredField(component.getName());
            } catch (NoSuchFieldException impossible) {
                return null;
            }
            if (hasJsonbOnlyAnnotation(field.getAnnotations()) || hasJsonbOnlyAnnotation(component.getAccessor().getAnnotations())
                    || !plainType(component.getType())) {
                return null;
            }
            JsonbNillable nillable = field.getAnnotation(JsonbNillable.class);
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            properties.add(new Property(snakeCase(component.getName()), accessor, nillable == null ? nullsByDefault : nillable.value()));
        }
        properties.sort(Comparator.comparing(Property::name));
        return new Model(List.copyOf(properties));
    }

    /** Declared types whose values {@link #write} handles (a declared record is checked when it is written). */
    private static boolean plainType(Class<?> type) {
        return type == String.class || type == boolean.class || type == Boolean.class || type == int.class || type == Integer.class
                || type == long.class || type == Long.class || type == double.class || type == Double.class || type == BigDecimal.class
                || JsonValue.class.isAssignableFrom(type) || type.isRecord() || type == Object.class
                || type == List.class || type == Collection.class || type == Map.class;
    }

    private static boolean hasJsonbOnlyAnnotation(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (ONLY_JSONB_KNOWS.contains(annotation.annotationType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES} as JSON-B's implementation applies it: lower case, with
     * an underscore before each upper-case letter that follows a lower-case one ({@code xYZ} is {@code x_yz}).
     */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 8);
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isAlphabetic(previous) && Character.isLowerCase(previous)) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
            previous = c;
        }
        return snake.toString();
    }
}
