package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import java.util.Set;

/** The person behind an {@code xwllm_} token that just passed authentication, with the token's scopes. */
public record TokenCaller(long tokenId, long personId, String userId, String email, long workspaceId, String workspaceSlug,
                          Set<String> scopes, String entitlement) {

    /** @throws ApiException 403 {@code insufficient_scope} when the token lacks {@code scope} */
    public void require(String scope) {
        if (!scopes.contains(scope)) {
            throw new ApiException(403, "insufficient_scope", "This token does not carry the scope " + scope);
        }
    }
}
