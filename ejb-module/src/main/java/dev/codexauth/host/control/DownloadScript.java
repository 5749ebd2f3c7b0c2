package dev.codexauth.host.control;

/** A one-time script (installer or auth seed) and when the token that fetched it expires. */
public record DownloadScript(String body, String expiresAt) {
}
