package dev.codexauth.http;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;

/** 429 of the global per-IP bucket, with the original's {@code data} member and a {@code Retry-After} header. */
public class GlobalRateLimited extends ApiException {

    private final transient Map<String, Object> data;

    public GlobalRateLimited(RateLimiter.Outcome outcome) {
        super(429, "rate_limited", "Rate limit exceeded", null, null,
                Map.of("Retry-After", String.valueOf(outcome.retryAfterSeconds())));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bucket", outcome.bucket());
        values.put("reset_at", Timestamps.format(outcome.resetAt()));
        values.put("limit", outcome.limit());
        this.data = values;
    }

    @Override
    public Map<String, Object> data() {
        return data;
    }
}
