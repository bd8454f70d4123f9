package de.fachplan.api.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Failed authentications ({@link FailedAuthentications}). */
@ConfigMapping(prefix = "fachplan.auth")
public interface AuthConfig {

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
