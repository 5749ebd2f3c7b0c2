package dev.codexauth.http;

/**
 * How much JSON a request may carry: total bytes, nesting depth, the length of one string (in characters), the
 * members of one object or elements of one array, and the digits of one number. Checked while the body streams in
 * ({@link BoundedJson}), so a hostile body is refused before it is held in memory.
 */
public record JsonLimits(long maxBytes, int maxDepth, int maxStringChars, int maxEntries, int maxNumberChars) {

    public static final int DEPTH = 64;
    public static final int ENTRIES = 10_000;
    public static final int NUMBER_CHARS = 64;

    /** The limits of every API, with its own body size; no string may be longer than the body itself. */
    public static JsonLimits forBodiesUpTo(long maxBytes) {
        return new JsonLimits(maxBytes, DEPTH, (int) Math.min(Integer.MAX_VALUE, maxBytes), ENTRIES, NUMBER_CHARS);
    }
}
