package dev.codexauth.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The host API's container authentication: none. Host keys are checked by the host pipeline inside each request's
 * transaction (HostAuthenticator), because key, IP binding and host state are one decision. The mechanism exists so
 * that, in the EAR, Payara's Jakarta Security bridge finds one in this module instead of failing every host request
 * for want of the admin module's (which it cannot see).
 */
@ApplicationScoped
public class HostApiAuthentication implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        return context.doNothing();
    }
}
