package dev.codexauth.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on every answer that does not say otherwise. Most of them carry a secret or a host's
 * own state: the canonical auth.json, a baked wrapper with its host's key (a GET keyed by {@code X-API-Key}, which a
 * shared cache does not take for a credential), install tokens, memories. RFC 6749 §5.1 asks the same of token answers.
 */
@Provider
@Priority(2)
@ApplicationScoped
public class NoStoreByDefault implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
