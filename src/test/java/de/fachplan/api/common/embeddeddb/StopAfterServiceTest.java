package de.fachplan.api.common.embeddeddb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class StopAfterServiceTest {

    @Test
    void theDatabaseStopsOnlyAfterTheServiceHasStopped() throws Exception {
        List<String> stopped = new CopyOnWriteArrayList<>();
        CountDownLatch serviceStops = new CountDownLatch(1);
        Thread hook = StopAfterService.hook("test-stop", () -> {
            awaitUninterruptibly(serviceStops);
            stopped.add("service");
        }, Duration.ofMinutes(1), () -> stopped.add("database"));

        hook.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hook.getState() != Thread.State.TIMED_WAITING && hook.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.TIMED_WAITING, hook.getState(), "the hook waits for the service");
        assertTrue(stopped.isEmpty(), "nothing stopped while the service runs: " + stopped);

        serviceStops.countDown();
        hook.join(Duration.ofSeconds(10).toMillis());
        assertFalse(hook.isAlive());
        assertEquals(List.of("service", "database"), stopped);
    }

    @Test
    void aServiceThatNeverStopsHoldsTheDatabaseBackOnlyForTheBound() throws Exception {
        List<String> stopped = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        Thread hook = StopAfterService.hook("test-stop", () -> awaitUninterruptibly(never), Duration.ofMillis(50),
                () -> stopped.add("database"));

        hook.start();
        hook.join(Duration.ofSeconds(10).toMillis());

        assertFalse(hook.isAlive(), "the hook ended although the service never stopped");
        assertEquals(List.of("database"), stopped);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
