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

    /**
     * The answer for a body read that failed somewhere in {@code failure}'s chain: the gate's refusal, or 413 for a
     * body past its size limit; null for anything else (the client went away, the bytes were not what was expected).
     */
    static ApiException answerFor(Throwable failure) {
        BodyRefused refused = Causes.first(failure, BodyRefused.class);
        if (refused != null) {
            return refused.answer;
        }
        LimitedInputStream.TooLarge tooLarge = Causes.first(failure, LimitedInputStream.TooLarge.class);
        return tooLarge == null ? null : new PayloadTooLarge(tooLarge.maxBytes());
    }
}
