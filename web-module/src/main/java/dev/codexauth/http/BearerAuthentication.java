package dev.codexauth.http;

import dev.codexauth.identity.boundary.PersonPrincipal;
import dev.codexauth.identity.boundary.PersonRequest;
import dev.codexauth.identity.control.ClerkVerifier;
import dev.codexauth.identity.control.TokenAuthenticator;
import dev.codexauth.security.control.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;

/**
 * The web application's one Jakarta Security mechanism (../shared/STACK.md §11). On the person API
 * ({@code /api/v1/...}, {@code /xo-auth/...}) it verifies the bearer — an {@code xwllm_} install token, or else a Clerk session JWT with
 * Nimbus — and makes the person the caller, as a MicroProfile {@code JsonWebToken} principal. A refused bearer is
 * not answered here: the refusal waits in {@link PersonRequest} and the route answers it as a JSON error, so people
 * get the same error bodies as everyone else. Host routes are left alone: host keys are checked by the host
 * pipeline inside each request's transaction (HostAuthenticator), because key, IP binding and host state are one
 * decision.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    private static final String PERSON_API = "/api/v1/";
    private static final String CLI_SIGN_IN = "/xo-auth/";
    /** Signed by Stripe or Clerk, never by a person's bearer. */
    private static final List<String> WEBHOOKS = List.of("/api/v1/billing/", "/api/v1/identity/clerk/webhook");

    @Inject
    PersonRequest person;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    ClerkVerifier clerk;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(path.startsWith(PERSON_API) || path.startsWith(CLI_SIGN_IN)) || WEBHOOKS.stream().anyMatch(path::startsWith)) {
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() == 7) {
            return context.doNothing();
        }
        String bearer = authorization.substring(7).trim();
        person.bearer(bearer);
        try {
            PersonPrincipal principal;
            if (TokenAuthenticator.looksLikeToken(bearer)) {
                String forwarded = ClientAddress.forwardedFor(request.getHeaders("X-Forwarded-For"));
                String ip = clientAddress.resolve(request.getRemoteAddr(), forwarded, request.getHeader("X-Real-IP"))
                        .orElse(request.getRemoteAddr());
                principal = PersonPrincipal.of(tokens.authenticate(bearer, ip));
            } else {
                principal = PersonPrincipal.of(clerk.verify(bearer));
            }
            person.authenticated(principal);
            return context.notifyContainerAboutLogin(principal, Set.of());
        } catch (ApiException refused) {
            person.refused(refused);
            return context.doNothing();
        }
    }
}
