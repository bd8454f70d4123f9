package de.fachplan.api.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
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
            Thread.onSpinWait();
        }
    }
}
