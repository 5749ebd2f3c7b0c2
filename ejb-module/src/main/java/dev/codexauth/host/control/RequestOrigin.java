package dev.codexauth.host.control;

/**
 * How a request reached the server, for building the base URL baked into installers, wrappers and configs.
 * Forwarded values are only set when the direct peer is a trusted proxy.
 */
public record RequestOrigin(String scheme, String hostHeader, String forwardedHost, String forwardedProto) {
}
