package de.fachplan.api.common.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Browsers on other origins ({@link Cors}). */
@ConfigMapping(prefix = "fachplan.cors")
public interface CorsConfig {

    /**
     * The origins ({@code https://dashboard.example.org}, scheme, host and port as a browser sends
     * them) whose scripts may call the API; unset or empty switches CORS off.
     */
    Optional<List<String>> origins();
}
