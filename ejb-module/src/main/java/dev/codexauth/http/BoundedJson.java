package dev.codexauth.http;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one JSON value from a request body within {@link JsonLimits}, as it streams: strict UTF-8 (and no unpaired
 * surrogate spelled with escapes), bounded depth, string, member and number sizes, no duplicate member names, nothing
 * after the value. The tree is built without
 * recursion, so no input can exhaust the stack. Anything else is a 400 {@code invalid_json} saying why, or a 413.
 */
public final class BoundedJson {

    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private BoundedJson() {
    }

    /** @return the value, or null when the body is empty or only whitespace */
    public static JsonValue read(InputStream body, JsonLimits limits) {
        try (PushbackReader reader = new PushbackReader(strictUtf8(new LimitedInputStream(body, limits.maxBytes())))) {
            if (!hasContent(reader)) {
                return null;
            }
            try (JsonParser parser = Jsonp.PROVIDER.createParser(reader)) {
                JsonValue value = build(parser, limits);
                if (parser.hasNext()) {
                    throw new InvalidJson("content after the JSON value");
                }
                return value;
            }
        } catch (JsonParsingException e) {
            throw new InvalidJson("not valid JSON" + at(e.getLocation()));
        } catch (JsonException e) {
            throw failure(e.getCause() instanceof IOException io ? io : null);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Skips a byte order mark and leading whitespace; false at the end of the body. */
    private static boolean hasContent(PushbackReader reader) throws IOException {
        int c = reader.read();
        if (c == BYTE_ORDER_MARK) {
            c = reader.read();
        }
        while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            c = reader.read();
        }
        if (c < 0) {
            return false;
        }
        reader.unread(c);
        return true;
    }

    /** One open object or array while the tree is built. */
    private static final class Container {
        final JsonObjectBuilder object;
        final JsonArrayBuilder array;
        final Set<String> names;
        String pendingName;
        int entries;

        Container(JsonObjectBuilder object, JsonArrayBuilder array) {
            this.object = object;
            this.array = array;
            this.names = object == null ? null : new HashSet<>();
        }

        JsonValue build() {
            return object != null ? object.build() : array.build();
        }
    }

    private static JsonValue build(JsonParser parser, JsonLimits limits) {
        Deque<Container> open = new ArrayDeque<>();
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            JsonValue complete;
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() >= limits.maxDepth()) {
                        throw new InvalidJson("nested deeper than " + limits.maxDepth() + " levels");
                    }
                    open.push(event == JsonParser.Event.START_OBJECT
                            ? new Container(Jsonp.PROVIDER.createObjectBuilder(), null)
                            : new Container(null, Jsonp.PROVIDER.createArrayBuilder()));
                    continue;
                }
                case KEY_NAME -> {
                    Container object = open.peek();
                    String name = checkedString(parser, limits);
                    if (!object.names.add(name)) {
                        throw new InvalidJson("member \"" + Redaction.prefix(name) + "\" appears twice");
                    }
                    object.pendingName = name;
                    continue;
                }
                case END_OBJECT, END_ARRAY -> complete = open.pop().build();
                case VALUE_STRING -> {
                    checkedString(parser, limits);
                    complete = parser.getValue();
                }
                case VALUE_NUMBER -> {
                    if (parser.getString().length() > limits.maxNumberChars()) {
                        throw new InvalidJson("number longer than " + limits.maxNumberChars() + " characters");
                    }
                    complete = parser.getValue();
                }
                case VALUE_TRUE -> complete = JsonValue.TRUE;
                case VALUE_FALSE -> complete = JsonValue.FALSE;
                default -> complete = JsonValue.NULL;
            }
            Container parent = open.peek();
            if (parent == null) {
                return complete;
            }
            add(parent, complete, limits);
        }
        throw new InvalidJson("the body ends inside a JSON value");
    }

    private static void add(Container parent, JsonValue value, JsonLimits limits) {
        if (++parent.entries > limits.maxEntries()) {
            throw new InvalidJson("more than " + limits.maxEntries() + " members or elements in one object or array");
        }
        if (parent.object != null) {
            parent.object.add(parent.pendingName, value);
        } else {
            parent.array.add(value);
        }
    }

    private static String checkedString(JsonParser parser, JsonLimits limits) {
        String text = parser.getString();
        if (text.length() > limits.maxStringChars()) {
            throw new InvalidJson("string longer than " + limits.maxStringChars() + " characters");
        }
        if (!wellFormed(text)) {
            throw new InvalidJson("a string escapes half of a surrogate pair, which is not Unicode text");
        }
        return text;
    }

    /** No unpaired surrogate: a JSON escape can spell one, and no database column can store it. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static ApiException failure(IOException cause) {
        ApiException refused = BodyRefused.answerFor(cause);
        if (refused != null) {
            return refused;
        }
        if (cause instanceof CharacterCodingException) {
            return new InvalidJson("the body is not valid UTF-8");
        }
        return new InvalidJson("the body could not be read");
    }

    private static String at(JsonLocation location) {
        return location == null || location.getStreamOffset() < 0 ? "" : " at offset " + location.getStreamOffset();
    }
}
