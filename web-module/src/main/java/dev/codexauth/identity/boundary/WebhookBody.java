package dev.codexauth.identity.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.identity.control.WebhookEvents;
import java.io.IOException;
import java.io.InputStream;

/** A webhook's body as raw bytes: its signature covers the exact bytes sent, so it is parsed only once verified. */
final class WebhookBody {

    private static final int MAX_BYTES = WebhookEvents.MAX_PAYLOAD_BYTES;

    private WebhookBody() {
    }

    /** @throws ApiException 413 beyond {@link #MAX_BYTES}, 400 when the body cannot be read */
    static byte[] read(InputStream body, String what) {
        try {
            byte[] payload = body.readNBytes(MAX_BYTES + 1);
            if (payload.length > MAX_BYTES) {
                throw new ApiException(413, "payload_too_large", what + " is at most " + MAX_BYTES + " bytes");
            }
            return payload;
        } catch (IOException unreadable) {
            throw new ApiException(400, "unreadable_body", "The request body could not be read");
        }
    }
}
