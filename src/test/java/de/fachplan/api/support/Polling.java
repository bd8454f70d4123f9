package de.fachplan.api.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for an asynchronous effect by asking again, never by sleeping a fixed time. */
public final class Polling {

    private Polling() {
    }

    public static void eventually(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit);
            }
            // A short pause between looks, so that the wait does not take a core from the service.
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
