package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How people are identified (spec/identity.md): {@code IDENTITY_MODE} {@code clerk-jwt} (default) verifies Clerk
 * session tokens against {@code CLERK_JWKS_URL} with {@code CLERK_ISSUER} pinned; {@code dev} also accepts
 * {@code IDENTITY_DEV_TOKEN} and {@code clerk-dev:} test tokens, and is refused when {@code IDENTITY_PRODUCTION} is
 * set. Without a Clerk issuer in {@code clerk-jwt} mode the identity plane is off and its routes answer 503.
 */
@ApplicationScoped
public class IdentitySettings {

    public static final String DEV = "dev";
    public static final String CLERK_JWT = "clerk-jwt";
    private static final long MIN_JWKS_MAX_AGE_SECONDS = 60;

    @Inject
    @ConfigProperty(name = "identity.mode", defaultValue = CLERK_JWT)
    String mode;

    @Inject
    @ConfigProperty(name = "clerk.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "clerk.jwks.url")
    Optional<String> jwksUrl;

    @Inject
    @ConfigProperty(name = "clerk.jwks.max.age.seconds", defaultValue = "3600")
    long jwksMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "clerk.authorized.parties")
    Optional<String> authorizedParties;

    @Inject
    @ConfigProperty(name = "clerk.publishable.key")
    Optional<String> publishableKey;

    @Inject
    @ConfigProperty(name = "identity.dev.token")
    Optional<String> devToken;

    @Inject
    @ConfigProperty(name = "identity.production", defaultValue = "false")
    boolean production;

    @Inject
    @ConfigProperty(name = "stripe.webhook.secret")
    Optional<String> stripeWebhookSecret;

    @Inject
    @ConfigProperty(name = "clerk.webhook.secret")
    Optional<String> clerkWebhookSecret;

    @Inject
    @ConfigProperty(name = "public.base.url")
    Optional<String> publicBaseUrl;

    /** @throws IllegalStateException naming the setting that makes the configuration unsafe or unusable */
    public void check() {
        if (!mode.equals(DEV) && !mode.equals(CLERK_JWT)) {
            throw new IllegalStateException("IDENTITY_MODE must be clerk-jwt or dev, not " + mode);
        }
        if (devMode() && production) {
            throw new IllegalStateException("IDENTITY_MODE=dev accepts development tokens and is refused while IDENTITY_PRODUCTION is set");
        }
        if (issuer().isPresent() && jwksUrl().isEmpty()) {
            throw new IllegalStateException("CLERK_ISSUER is set but CLERK_JWKS_URL is not: Clerk session tokens cannot be verified");
        }
        jwksUrl().ifPresent(url -> {
            String scheme = URI.create(url).getScheme();
            if (!"https".equals(scheme) && !"file".equals(scheme)) {
                throw new IllegalStateException("CLERK_JWKS_URL must be an https: or file: URL");
            }
        });
        if (jwksUrl().isPresent() && issuer().isEmpty()) {
            throw new IllegalStateException("CLERK_JWKS_URL is set but CLERK_ISSUER is not: the issuer must be pinned");
        }
    }

    public boolean devMode() {
        return DEV.equals(mode);
    }

    /** Whether anyone can sign in at all: Clerk is configured, or dev mode is on. */
    public boolean enabled() {
        return devMode() || issuer().isPresent();
    }

    public ApiException notConfigured() {
        return new ApiException(503, "identity_not_configured",
                "Sign-in is not configured on this server: set CLERK_ISSUER and CLERK_JWKS_URL (docs/identity.md)");
    }

    public String mode() {
        return mode;
    }

    public Optional<String> issuer() {
        return issuer.map(String::trim).filter(value -> !value.isEmpty());
    }

    public Optional<String> jwksUrl() {
        return jwksUrl.map(String::trim).filter(value -> !value.isEmpty());
    }

    /** How long fetched signing keys are trusted before they are fetched again: a key Clerk removed is refused after it. */
    public Duration jwksMaxAge() {
        return Duration.ofSeconds(Math.max(MIN_JWKS_MAX_AGE_SECONDS, jwksMaxAgeSeconds));
    }

    /** The allowed {@code azp} origins: configured, else the origin of {@code PUBLIC_BASE_URL}. */
    public Set<String> authorizedParties() {
        Set<String> configured = authorizedParties.stream().flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).map(IdentitySettings::origin).collect(Collectors.toSet());
        if (!configured.isEmpty()) {
            return configured;
        }
        return publicBaseUrl.map(String::trim).filter(value -> !value.isEmpty()).map(IdentitySettings::origin).map(Set::of).orElse(Set.of());
    }

    /** Clerk's browser key ({@code pk_...}), which the sign-in page needs to load Clerk's sign-in widget. */
    public Optional<String> publishableKey() {
        return publishableKey.map(String::trim).filter(value -> value.matches("pk_[A-Za-z0-9_$=-]{8,200}"));
    }

    public Optional<String> devToken() {
        return devToken.map(String::trim).filter(value -> value.length() >= 16);
    }

    public Optional<String> stripeWebhookSecret() {
        return stripeWebhookSecret.map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The signing secret of the Clerk webhook endpoint ({@code whsec_...}), which Clerk's dashboard shows. */
    public Optional<String> clerkWebhookSecret() {
        return clerkWebhookSecret.map(String::trim).filter(value -> !value.isEmpty());
    }

    /** {@code scheme://host[:port]} without path or trailing slash, as browsers send in {@code azp} and {@code Origin}. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url.trim();
            }
            return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException notAUrl) {
            return url.trim();
        }
    }
}
