package dev.codexauth.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * The answer shape of the routes seed 002's clients call ({@code /xo-auth/...}, {@code /claude/setup-token},
 * {@code /codex/setup}, {@code /debug/ai-auth}): the bare JSON object on success, and {@code {"detail", "code"}} with
 * the refusal's status and headers on failure, instead of this server's envelope.
 */
public final class BareAnswers {

    /** The error shape of these routes. */
    public record Detail(String detail, String code) {
    }

    private BareAnswers() {
    }

    public static Response answer(Supplier<Object> route) {
        try {
            return Response.ok(route.get(), MediaType.APPLICATION_JSON).build();
        } catch (ApiException refused) {
            Response.ResponseBuilder error = Response.status(refused.status()).type(MediaType.APPLICATION_JSON)
                    .entity(new Detail(refused.getMessage(), refused.code()));
            refused.headers().forEach(error::header);
            return error.build();
        }
    }
}
