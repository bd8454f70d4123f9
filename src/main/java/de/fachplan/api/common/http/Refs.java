package de.fachplan.api.common.http;

import java.util.Optional;
import java.util.UUID;

/** Path segments that are either a human code ({@code W3}) or a UUID. */
public final class Refs {

    private Refs() {
    }

    public static Optional<UUID> asUuid(String ref) {
        if (ref == null || ref.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(ref));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
