package de.fachplan.api.common.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * What a verified JWT must carry beyond its signature, issuer and audience (which SmallRye JWT
 * checks): a subject, since the caller id of idempotency records and the audit trail is made from
 * it; and, for the partner role, the organisation named in a configurable claim, so that partner
 * organisations can sign in through the city's identity provider as well as with API keys. The
 * organisation claim binds only a partner token: on any other it is ignored, so that a token with
 * the claim and no role is an anonymous reader, not a partner. Refusals are 401.
 */
@ApplicationScoped
public class JwtOrganisation implements SecurityIdentityAugmentor {

    @Inject
    JwtConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without subject"));
        }
        if (!identity.hasRole(Role.PARTNER_NAME)) {
            return Uni.createFrom().item(identity);
        }
        Optional<UUID> organisation = Optional.ofNullable(jwt.getClaim(config.organisationClaim())).map(Object::toString)
                .flatMap(JwtOrganisation::uuid);
        if (organisation.isEmpty()) {
            // A partner acts only for its organisation; without one it must not act at all.
            return Uni.createFrom().failure(new AuthenticationFailedException("partner token without organisation"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Caller.ORGANISATION_ID, organisation.get()).build());
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
