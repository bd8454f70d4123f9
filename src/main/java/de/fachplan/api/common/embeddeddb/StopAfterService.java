package de.fachplan.api.common.embeddeddb;

import java.time.Duration;

import io.quarkus.runtime.Application;

/**
 * Stops the embedded PostgreSQL when the JVM exits, but only after the service has stopped.
 *
 * <p>The JVM runs all its shutdown hooks at once, Quarkus' own among them. A hook that stopped the
 * database straight away cut the connections of the scheduler's jobs and of the change listener
 * while Quarkus was still winding them down, and every stop of a service on its embedded database
 * logged their failures as warnings. The hook first waits for the application to reach its stopped
 * state, at most {@link #SERVICE_STOP_WAIT}: a start that failed never gets there, and a stuck
 * shutdown must not keep the database running.
 */
final class StopAfterService {

    static final Duration SERVICE_STOP_WAIT = Duration.ofSeconds(30);

    private StopAfterService() {
    }

    /** Registers {@code stopDatabase} to run at JVM exit once the running application has stopped. */
    static void register(String name, Runnable stopDatabase) {
        Runtime.getRuntime().addShutdownHook(
                hook(name, StopAfterService::awaitApplicationStop, SERVICE_STOP_WAIT, stopDatabase));
    }

    /** The hook's thread: {@code awaitService} for at most {@code bound}, then {@code stopDatabase}. */
    static Thread hook(String name, Runnable awaitService, Duration bound, Runnable stopDatabase) {
        return new Thread(() -> {
            Thread waiter = new Thread(awaitService, name + "-await-service");
            waiter.setDaemon(true);
            waiter.start();
            try {
                // join(0) would wait for ever: a bound below a millisecond is one millisecond.
                waiter.join(Math.max(1, bound.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopDatabase.run();
        }, name);
    }

    private static void awaitApplicationStop() {
        Application application = Application.currentApplication();
        if (application != null) {
            application.awaitShutdown();
        }
    }
}
