package dev.codexauth.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code TOKEN_MIN_LENGTH} (default 24, never below 8): applied when an auth.json is written, not when it is read. */
@ApplicationScoped
public class TokenRules {

    @Inject
    @ConfigProperty(name = "token.min.length", defaultValue = "24")
    int minLength;

    public int minLength() {
        return Math.max(8, minLength);
    }
}
