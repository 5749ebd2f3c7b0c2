package dev.codexauth.http;

import java.io.IOException;

/** A body read the request gate stopped, and the error the client gets instead. */
public final class BodyRefused extends IOException {

    private final transient ApiException answer;

    BodyRefused(ApiException answer) {
        super(answer.getMessage(), null);
        this.answer = answer;
    }

    public ApiException answer() {
        return answer;
    }
}
