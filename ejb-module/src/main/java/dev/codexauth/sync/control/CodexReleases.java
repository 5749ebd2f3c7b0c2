package dev.codexauth.sync.control;

import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.UpstreamExchange;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest Codex CLI release (sync.md §7), looked up by a timer every 3 hours, or on an admin's demand, and kept
 * in setting {@code client_available}. A failed lookup keeps the old value, which then reads as {@code cache_stale}.
 * Requests never wait for it (the original looked it up on the request path).
 */
@Stateless
public class CodexReleases {

    /** What the admin sees after a lookup; {@code source} is {@code github} only when this lookup succeeded. */
    public record Available(String version, String updatedAt, String source) {
    }

    private static final Logger LOG = Logger.getLogger(CodexReleases.class.getName());
    /** GitHub's answer for one release, assets listed, is tens of kilobytes. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @EJB
    SettingsStore settings;

    @EJB
    ClusterLock lock;

    @Inject
    @ConfigProperty(name = "codex.releases.url", defaultValue = "https://api.github.com/repos/openai/codex/releases/latest")
    String releasesUrl;

    @Inject
    @ConfigProperty(name = "codex.releases.timeout.seconds", defaultValue = "5")
    int timeoutSeconds;

    @Schedule(hour = "*", minute = "*/10", second = "23", persistent = false)
    public void refreshWhenStale() {
        Instant fetched = settings.current().updatedAt(SettingKeys.CLIENT_AVAILABLE).orElse(Instant.EPOCH);
        if (fetched.plus(FleetVersions.RELEASE_CACHE).isBefore(Instant.now())) {
            lock.runOncePer(Duration.ofMinutes(10), "codex-release", this::refresh);
        }
    }

    /** Looks the release up now; never fails: an unreachable source leaves the cached value in place. */
    public Available refresh() {
        Optional<String> latest = lookup();
        latest.ifPresent(version -> settings.put(SettingKeys.CLIENT_AVAILABLE, version));
        FleetSettings fleet = settings.current();
        Optional<String> cached = fleet.text(SettingKeys.CLIENT_AVAILABLE);
        String updatedAt = fleet.updatedAt(SettingKeys.CLIENT_AVAILABLE).map(Timestamps::format).orElse(null);
        if (latest.isPresent()) {
            return new Available(latest.get(), updatedAt, "github");
        }
        return cached.map(version -> new Available(version, updatedAt, "cache_stale")).orElse(new Available(null, null, "unknown"));
    }

    private Optional<String> lookup() {
        if (releasesUrl == null || releasesUrl.isBlank()) {
            return Optional.empty();
        }
        return latest(releasesUrl.trim(), Duration.ofSeconds(timeoutSeconds));
    }

    /** The release the URL names, or empty (and a warning) when it cannot be had within {@code deadline}. */
    static Optional<String> latest(String url, Duration deadline) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(deadline)
                    .header("User-Agent", "codex-auth-api").header("Accept", "application/vnd.github+json").GET().build();
            UpstreamExchange.Answer response = UpstreamExchange.send(HTTP, request, deadline, MAX_ANSWER_BYTES);
            if (response.status() / 100 != 2) {
                LOG.warning(() -> "Codex release lookup answered HTTP " + response.status());
                return Optional.empty();
            }
            return version(response.bytes());
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Codex release lookup failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code tag_name}, else {@code name}, with the release prefixes stripped; only a semantic version counts. */
    static Optional<String> version(byte[] body) {
        try (var reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            if (!(reader.readValue() instanceof JsonObject release)) {
                return Optional.empty();
            }
            for (String field : new String[] {"tag_name", "name"}) {
                if (release.get(field) instanceof JsonString text) {
                    Optional<String> version = VersionOrder.semantic(text.getString());
                    if (version.isPresent()) {
                        return version;
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
