package dev.codexauth.sync.control;

import dev.codexauth.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An editor saved over a version it never saw: 409 with the current version, so it can reload or overwrite. The
 * message keeps the original's wording, which scripts and admins know from its 422.
 */
public class StaleVersion extends ApiException {

    public StaleVersion(String what, String currentSha256, String updatedAt) {
        super(409, "stale_version", "sha256 does not match current saved " + what + " (reload before saving)", current(currentSha256, updatedAt),
                null, null);
    }

    private static Map<String, Object> current(String sha256, String updatedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sha256", sha256);
        details.put("updated_at", updatedAt);
        return details;
    }
}
