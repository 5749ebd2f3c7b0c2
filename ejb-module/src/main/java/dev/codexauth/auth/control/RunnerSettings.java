package dev.codexauth.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The validation runner's settings. {@code AUTH_RUNNER_POLICY} makes explicit what the original left implicit:
 * {@code required} (a store that changes the canonical auth needs an {@code ok} from the runner; the original's
 * behaviour and the default when {@code AUTH_RUNNER_URL} is set), {@code optional} (ask the runner when it answers,
 * refuse only on an explicit {@code fail}) or {@code off} (the default without a URL: accept validated uploads).
 */
@ApplicationScoped
public class RunnerSettings {

    public enum Policy { REQUIRED, OPTIONAL, OFF }

    @Inject
    @ConfigProperty(name = "auth.runner.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "auth.runner.policy")
    Optional<String> policy;

    @Inject
    @ConfigProperty(name = "auth.runner.timeout", defaultValue = "8")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "auth.runner.codex.base.url", defaultValue = "http://api")
    String codexBaseUrl;

    @Inject
    @ConfigProperty(name = "auth.runner.preflight.seconds", defaultValue = "28800")
    long preflightSeconds;

    public Optional<String> url() {
        return url.map(String::trim).filter(u -> !u.isEmpty());
    }

    public boolean enabled() {
        return url().isPresent() && policy() != Policy.OFF;
    }

    /** An explicit policy wins (so {@code required} without a URL refuses changing stores, as the original did). */
    public Policy policy() {
        return policy.map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> Policy.valueOf(p.toUpperCase(Locale.ROOT)))
                .orElse(url().isPresent() ? Policy.REQUIRED : Policy.OFF);
    }

    public int timeoutSeconds() {
        return timeoutSeconds <= 0 ? 8 : timeoutSeconds;
    }

    public String codexBaseUrl() {
        return codexBaseUrl;
    }

    public long preflightSeconds() {
        return preflightSeconds <= 0 ? 28800 : preflightSeconds;
    }
}
