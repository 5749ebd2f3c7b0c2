package dev.codexauth.sync.control;

/**
 * One profile as Codex 0.169 reads it: {@code $CODEX_HOME/<filename>} with {@code filename = <name>.config.toml},
 * selected with {@code codex --profile <name>}. {@code sha256} is the lower-case hex sha256 of the UTF-8 content.
 */
public record ProfileFile(String name, String filename, String content, String sha256) {
}
