package dev.codexauth.mcp.control;

import java.util.Locale;

/**
 * Which memories a call names: the caller's own ({@code host}: a host's, or a person's workspace's), the fleet's
 * shared ones ({@code fleet}), or for searches both ({@code all}). Calls without a scope work on their own memories,
 * as every call of the original did.
 */
public enum MemoryScope {
    HOST, FLEET, ALL;

    /** As the argument {@code scope} spells it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
