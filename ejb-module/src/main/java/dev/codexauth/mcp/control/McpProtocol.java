package dev.codexauth.mcp.control;

import java.util.List;

/**
 * The protocol versions this server speaks (spec/mcp.md §8), newest first: a client asking for one of them gets it,
 * any other request gets the newest. Versions are dates, so they compare as text.
 */
public final class McpProtocol {

    public static final String LATEST = "2025-11-25";
    public static final String BATCHING = "2025-03-26";
    public static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", BATCHING, "2024-11-05");

    private McpProtocol() {
    }

    public static String negotiate(String requested) {
        return requested != null && SUPPORTED.contains(requested) ? requested : LATEST;
    }

    public static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    /** JSON-RPC batches exist in 2025-03-26 only: the next revision removed them. */
    public static boolean batchesAllowed(String version) {
        return BATCHING.equals(version);
    }

    /** Structured tool results and output schemas came with 2025-06-18. */
    public static boolean structuredResults(String version) {
        return version.compareTo("2025-06-18") >= 0;
    }
}
