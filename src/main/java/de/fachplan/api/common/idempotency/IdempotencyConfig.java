package de.fachplan.api.common.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stored answers to {@code Idempotency-Key} requests ({@link Idempotency}). */
@ConfigMapping(prefix = "fachplan.idempotency")
public interface IdempotencyConfig {

    /** How long an answer is kept and replayed; a key reused with another body is refused as long. */
    @WithDefault("PT24H")
    Duration retention();

    /** How long a started batch blocks its key before a retry may take over from a run that died. */
    @WithDefault("PT5M")
    Duration batchLease();
}
