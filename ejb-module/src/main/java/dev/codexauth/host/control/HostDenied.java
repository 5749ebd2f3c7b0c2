package dev.codexauth.host.control;

import dev.codexauth.http.ApiException;
import java.util.Map;

/** A host request refused by authentication, binding, status, window or a rate limit; messages are the original's. */
public class HostDenied extends ApiException {

    private final transient Map<String, Object> data;

    public HostDenied(int status, String code, String message, Map<String, Object> details, Map<String, String> headers,
                      Map<String, Object> data) {
        super(status, code, message, details, null, headers);
        this.data = data;
    }

    public static HostDenied missingKey() {
        return new HostDenied(401, "api_key_missing", "API key missing", null, null, null);
    }

    public static HostDenied invalidKey() {
        return new HostDenied(401, "invalid_api_key", "Invalid API key", null, null, null);
    }

    public static HostDenied disabled(String status) {
        return new HostDenied(403, "host_disabled", "Host is disabled", Map.of("host_status", status), null, null);
    }

    public static HostDenied wrongIp(String expected, String received) {
        return new HostDenied(403, "ip_not_allowed", "API key not allowed from this IP",
                Map.of("expected_ip", expected, "received_ip", received), null, null);
    }

    public static HostDenied insecureWindowClosed(String enabledUntil) {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("enabled_until", enabledUntil);
        return new HostDenied(403, "insecure_api_disabled", "Insecure host API access disabled", details, null, null);
    }

    public static HostDenied installationMismatch() {
        return new HostDenied(403, "installation_mismatch", "Installation ID mismatch", null, null, null);
    }

    @Override
    public Map<String, Object> data() {
        return data;
    }
}
