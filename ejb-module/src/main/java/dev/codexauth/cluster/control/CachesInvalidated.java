package dev.codexauth.cluster.control;

/**
 * CDI event: something that decides access changed (a setting, the kill switch, a host's state or key), so every
 * in-memory copy of it must be dropped now rather than at the end of its {@code SETTINGS_CACHE_MILLIS}.
 *
 * @param reason what changed, for logs only
 */
public record CachesInvalidated(String reason) {
}
