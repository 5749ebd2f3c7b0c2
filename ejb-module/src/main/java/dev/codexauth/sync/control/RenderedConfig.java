package dev.codexauth.sync.control;

import java.util.List;

/**
 * A rendered fleet config: {@code config.toml} itself ({@code sha256} is the lower-case hex sha256 of its UTF-8 bytes
 * and covers nothing else) and the profile files that go next to it in {@code $CODEX_HOME}.
 */
public record RenderedConfig(String content, String sha256, List<ProfileFile> profiles) {
}
