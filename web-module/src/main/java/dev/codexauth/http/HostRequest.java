package dev.codexauth.http;

import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.RequestOrigin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;

/**
 * What the pipeline learned about the current host-API request: its parsed body, client IP, how it reached the
 * server, the credentials it presented and the start time.
 */
@RequestScoped
public class HostRequest {

    private RequestBody body = RequestBody.empty();
    private String clientIp;
    private long startedNanos = System.nanoTime();
    private RequestOrigin origin;
    private HostCredentials credentials;

    public RequestBody body() {
        return body;
    }

    /** The body as a JSON object for a service that authenticates before it reads it ({@link RequestBody#deferredObject}). */
    public JsonObject jsonBody() {
        return body.deferredObject();
    }

    void body(RequestBody body) {
        this.body = body;
    }

    public String clientIp() {
        return clientIp;
    }

    void clientIp(String clientIp) {
        this.clientIp = clientIp;
    }

    public RequestOrigin origin() {
        return origin;
    }

    void origin(RequestOrigin origin) {
        this.origin = origin;
    }

    /** The key, client IP and runner credential the request presented; services authenticate them. */
    public HostCredentials credentials() {
        return credentials;
    }

    void credentials(HostCredentials credentials) {
        this.credentials = credentials;
    }

    public long startedNanos() {
        return startedNanos;
    }

    void startedNanos(long startedNanos) {
        this.startedNanos = startedNanos;
    }
}
