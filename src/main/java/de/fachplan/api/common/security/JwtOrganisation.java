package de.fachplan.api.common.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Binds a JWT to the organisation named in a configurable claim, so that partner organisations can
 * sign in through the city's identity provider as well as with API keys. A partner token without
 * a valid organisation claim is refused (401).
 */
@ApplicationScoped
public class JwtOrganisation implements SecurityIdentityAugmentor {

    @ConfigProperty(name = "fachplan.jwt.organisation-claim", defaultValue = "organisation_id")
    String claim;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Optional<UUID> organisation = Optional.ofNullable(jwt.getClaim(claim)).map(Object::toString)
                .flatMap(JwtOrganisation::uuid);
        if (organisation.isEmpty()) {
            // A partner acts only for its organisation; without one it must not act at all.
            return identity.hasRole(Role.PARTNER_NAME)
                    ? Uni.createFrom().failure(new AuthenticationFailedException("partner token without organisation"))
                    : Uni.createFrom().item(identity);
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
