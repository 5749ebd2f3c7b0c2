package dev.codexauth.identity.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.identity.control.IdentitySettings;
import dev.codexauth.identity.control.Member;
import dev.codexauth.identity.control.PersonDirectory;
import dev.codexauth.identity.control.TokenCaller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Who is calling the person API, as {@code BearerAuthentication} found out before the route ran: a principal, or
 * the refusal of the bearer that was sent, or nothing. Routes ask for the kind of caller they take and get the
 * JSON error that fits when the request does not have it.
 */
@RequestScoped
public class PersonRequest {

    private String bearer;
    private PersonPrincipal principal;
    private ApiException refusal;

    @Inject
    IdentitySettings settings;

    @EJB
    PersonDirectory directory;

    public void bearer(String bearer) {
        this.bearer = bearer;
    }

    public void authenticated(PersonPrincipal principal) {
        this.principal = principal;
    }

    public void refused(ApiException refusal) {
        this.refusal = refusal;
    }

    /** The raw bearer the request sent (an install token is needed for the pill), or null. */
    public String bearer() {
        return bearer;
    }

    /** Any authenticated person: a Clerk session or an install token. */
    public PersonPrincipal principal() {
        if (principal != null) {
            return principal;
        }
        if (refusal != null) {
            throw refusal;
        }
        if (!settings.enabled()) {
            throw settings.notConfigured();
        }
        throw new ApiException(401, "authentication_required",
                "Send Authorization: Bearer with an xwllm_ install token or a Clerk session token", null, null,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    /** A caller with an install token carrying {@code scope}. */
    public TokenCaller token(String scope) {
        TokenCaller token = installToken();
        token.require(scope);
        return token;
    }

    /** A caller with an install token, whatever its scopes. */
    public TokenCaller installToken() {
        TokenCaller token = principal().token();
        if (token == null) {
            throw new ApiException(401, "install_token_required", "This route takes an xwllm_ install token, not a session token",
                    null, null, Map.of("WWW-Authenticate", "Bearer"));
        }
        return token;
    }

    /** A person signed in through Clerk right now (minting tokens needs a live session), recorded in the directory. */
    public Member signedIn() {
        PersonPrincipal caller = principal();
        if (caller.session() == null) {
            throw new ApiException(401, "session_required", "Minting install tokens takes a Clerk session token, not an install token",
                    null, null, Map.of("WWW-Authenticate", "Bearer"));
        }
        return directory.signIn(caller.session());
    }

    /** The calling person's id, whichever way they authenticated. */
    public long personId() {
        PersonPrincipal caller = principal();
        return caller.token() != null ? caller.token().personId() : signedIn().personId();
    }
}
