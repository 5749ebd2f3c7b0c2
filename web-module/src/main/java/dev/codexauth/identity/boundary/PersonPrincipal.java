package dev.codexauth.identity.boundary;

import dev.codexauth.identity.control.ClerkIdentity;
import dev.codexauth.identity.control.TokenCaller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind a request, as a MicroProfile {@code JsonWebToken}: either a verified Clerk session (the claims
 * that were verified) or an {@code xwllm_} install token (claims describing the token). Exactly one of
 * {@link #session()} and {@link #token()} is present.
 */
public final class PersonPrincipal implements JsonWebToken {

    private final ClerkIdentity session;
    private final TokenCaller token;
    private final Map<String, Object> claims;

    private PersonPrincipal(ClerkIdentity session, TokenCaller token, Map<String, Object> claims) {
        this.session = session;
        this.token = token;
        this.claims = claims;
    }

    public static PersonPrincipal of(ClerkIdentity session) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", session.userId());
        putIfPresent(claims, "sid", session.sessionId());
        putIfPresent(claims, "azp", session.authorizedParty());
        putIfPresent(claims, "email", session.email());
        putIfPresent(claims, "workspace", session.workspaceSlug());
        return new PersonPrincipal(session, null, Map.copyOf(claims));
    }

    public static PersonPrincipal of(TokenCaller token) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", token.userId());
        claims.put("workspace", token.workspaceSlug());
        claims.put("scope", String.join(" ", token.scopes()));
        claims.put("token_id", token.tokenId());
        putIfPresent(claims, "email", token.email());
        return new PersonPrincipal(null, token, Map.copyOf(claims));
    }

    public ClerkIdentity session() {
        return session;
    }

    public TokenCaller token() {
        return token;
    }

    @Override
    public String getName() {
        return (String) claims.get("sub");
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) claims.get(name);
    }

    @Override
    public Set<String> getGroups() {
        return Set.of();
    }

    /** Scopes as a list, for answers. */
    public List<String> scopes() {
        return token == null ? List.of() : List.copyOf(token.scopes());
    }

    private static void putIfPresent(Map<String, Object> claims, String name, Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
