package dev.codexauth.http;

/** 400: a request body that is not JSON. */
public class InvalidJson extends ApiException {

    public InvalidJson() {
        super(400, "invalid_json", "Invalid JSON payload");
    }
}
