package de.fachplan.api.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import de.fachplan.api.common.operations.DatabaseOutage;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Authentication is lazy (so that its failures reach the problem+json mappers), which would let a
 * bad token pass unnoticed on public reads. A request that presents credentials has them checked,
 * whatever it asks for: a bad token is always a 401, and after too many of them from one client
 * address or for one key prefix a 429 ({@link FailedAuthentications}).
 */
public class EagerAuthenticationFilter {

    @Inject
    CurrentIdentityAssociation identity;

    @Inject
    FailedAuthentications failures;

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Uni<Void> authenticate(HttpHeaders headers, HttpServerRequest request) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        List<String> sources = FailedAuthentications.sources(
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                bearer ? authorization.substring(7).trim() : null);
        Optional<Duration> refused = failures.refusedFor(sources);
        if (refused.isPresent()) {
            return Uni.createFrom().failure(ProblemException.tooManyRequests(
                    "Too many failed authentications from this address or for this key; retry later.", refused.get()));
        }
        if (!bearer) {
            failures.failed(sources);
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer token"));
        }
        return identity.getDeferredIdentity()
                .onFailure(e -> e instanceof AuthenticationFailedException && !DatabaseOutage.causedBy(e))
                .invoke(() -> failures.failed(sources))
                .replaceWithVoid();
    }
}
