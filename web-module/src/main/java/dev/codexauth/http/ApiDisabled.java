package dev.codexauth.http;

/** 503: an administrator switched the host API off (kill switch). */
public class ApiDisabled extends ApiException {

    public ApiDisabled() {
        super(503, "api_disabled", "API disabled by administrator");
    }
}
