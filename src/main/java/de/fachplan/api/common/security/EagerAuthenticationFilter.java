package de.fachplan.api.common.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Authentication is lazy (so that its failures reach the problem+json mappers), which would let a
 * bad token pass unnoticed on public reads. A request that presents credentials has them checked,
 * whatever it asks for: a bad token is always a 401.
 */
public class EagerAuthenticationFilter {

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Uni<Void> authenticate(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer token"));
        }
        return identity.getDeferredIdentity().replaceWithVoid();
    }
}
