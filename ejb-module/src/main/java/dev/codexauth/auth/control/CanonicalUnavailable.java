package dev.codexauth.auth.control;

import dev.codexauth.http.ApiException;

/**
 * 503: a canonical auth exists but cannot be served (it does not open or its bytes no longer match their digest).
 * The original answered "missing" here and invited every host to overwrite it; hosts treat a 5xx as offline.
 */
public class CanonicalUnavailable extends ApiException {

    public CanonicalUnavailable() {
        super(503, "canonical_unavailable", "Canonical auth unavailable");
    }
}
