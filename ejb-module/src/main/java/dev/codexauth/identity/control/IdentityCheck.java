package dev.codexauth.identity.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Refuses to deploy with an identity configuration that is unsafe or cannot work (dev mode in production, an
 * issuer without keys, a plain-http JWKS), so the launcher stops with the reason instead of serving it.
 */
@Singleton
@Startup
public class IdentityCheck {

    @Inject
    IdentitySettings settings;

    @PostConstruct
    void check() {
        settings.check();
    }
}
