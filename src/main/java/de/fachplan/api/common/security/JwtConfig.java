package de.fachplan.api.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** JWTs of the city's identity provider ({@link JwtOrganisation}). */
@ConfigMapping(prefix = "fachplan.jwt")
public interface JwtConfig {

    /**
     * The {@code aud} this service's tokens carry (the provider's client id for it). Read by
     * SmallRye JWT through {@code mp.jwt.verify.audiences}; the default matches no token.
     */
    @WithDefault("https://audience.not-configured.invalid")
    String audience();

    /** The claim that binds a {@code partner} token to its organisation (a UUID). */
    @WithDefault("organisation_id")
    String organisationClaim();
}
