package dev.codexauth.console.boundary;

import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.http.RequestBody;
import dev.codexauth.security.control.ClientAddress;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the admin resources: reading JSON bodies and how the request reached the server. */
final class AdminBodies {

    private AdminBodies() {
    }

    /** The body as a JSON object ({} when empty); 400 {@code invalid_json} when it is not JSON. */
    static JsonObject object(String raw) {
        return RequestBody.parse(raw == null ? new byte[0] : raw.getBytes(StandardCharsets.UTF_8)).object();
    }

    static RequestOrigin origin(HttpServletRequest request, ClientAddress clientAddress) {
        boolean viaProxy = clientAddress.isTrustedProxy(request.getRemoteAddr());
        return new RequestOrigin(request.getScheme(), request.getHeader("Host"),
                viaProxy ? request.getHeader("X-Forwarded-Host") : null, viaProxy ? request.getHeader("X-Forwarded-Proto") : null);
    }
}
