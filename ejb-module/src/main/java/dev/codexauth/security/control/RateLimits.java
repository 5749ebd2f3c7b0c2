package dev.codexauth.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two host-API buckets and their settings (host-api.md §5.4). A limit or window of 0 switches a bucket off;
 * unlike the original, that holds for the auth-failure bucket too.
 */
@ApplicationScoped
public class RateLimits {

    public static final String GLOBAL = "global";
    public static final String AUTH_FAIL = "auth-fail";

    @Inject
    @ConfigProperty(name = "rate.limit.global.per.minute", defaultValue = "120")
    int globalLimit;

    @Inject
    @ConfigProperty(name = "rate.limit.global.window", defaultValue = "60")
    int globalWindow;

    @Inject
    @ConfigProperty(name = "rate.limit.auth.fail.count", defaultValue = "20")
    int authFailLimit;

    @Inject
    @ConfigProperty(name = "rate.limit.auth.fail.window", defaultValue = "600")
    int authFailWindow;

    @Inject
    @ConfigProperty(name = "rate.limit.auth.fail.block", defaultValue = "1800")
    int authFailBlock;

    @Inject
    RateLimiter limiter;

    public boolean globalEnabled() {
        return globalLimit > 0 && globalWindow > 0;
    }

    public RateLimiter.Outcome hitGlobal(String ip) {
        return limiter.hit(ip, GLOBAL, globalLimit, globalWindow, 0);
    }

    public boolean authFailEnabled() {
        return authFailLimit > 0 && authFailWindow > 0;
    }

    public RateLimiter.Outcome hitAuthFailure(String ip) {
        return limiter.hit(ip, AUTH_FAIL, authFailLimit, authFailWindow, Math.max(0, authFailBlock));
    }
}
