package de.fachplan.api.common.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may call: failed authentications, the city's JWTs and the first admin key. */
@ConfigMapping(prefix = "fachplan")
public interface AuthConfig {

    /** Failed authentications ({@link FailedAuthentications}). */
    Auth auth();

    /** JWTs of the city's identity provider ({@link JwtOrganisation}). */
    Jwt jwt();

    /** The first admin key ({@link BootstrapAdminKey}). */
    Bootstrap bootstrap();

    interface Auth {

        /**
         * Failed authentications per client address and per API key prefix before that source gets
         * 429 until the window has passed; counted per replica.
         */
        @WithDefault("10")
        int maxFailures();

        /** The window, counted from a source's first failure. */
        @WithDefault("PT1M")
        Duration failureWindow();
    }

    interface Jwt {

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

    interface Bootstrap {

        /**
         * An admin key ({@code fpk_} and at least 28 characters) created at start if missing;
         * unset on the embedded database: a random one is made and printed once.
         */
        Optional<String> adminKey();
    }
}
