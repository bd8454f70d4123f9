package de.fachplan.api.common.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The first admin key ({@link BootstrapAdminKey}). */
@ConfigMapping(prefix = "fachplan.bootstrap")
public interface BootstrapConfig {

    /**
     * An admin key ({@code fpk_} and at least 28 characters) created at start if missing; unset on
     * the embedded database, a random one is made on the first start and printed once.
     */
    Optional<String> adminKey();
}
