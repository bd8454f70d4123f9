package de.fachplan.api.common.background;

import java.time.Duration;

/**
 * Work that runs beside the requests (a scheduled poller and the threads it feeds), counted so
 * that the application can wait for it before the datasource closes: work cut off by a closing
 * pool would log broken connections that no operator has to act on.
 */
public final class BackgroundWork {

    private boolean stopping;
    private int active;

    /** Whether a piece of work may start; every {@code true} must be followed by {@link #exit()}. */
    public synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        active++;
        return true;
    }

    public synchronized void exit() {
        active--;
        if (active == 0) {
            notifyAll();
        }
    }

    /** Whether the application is stopping: running work ends at its next safe point. */
    public synchronized boolean stopping() {
        return stopping;
    }

    /** Lets no new work start. */
    public synchronized void stop() {
        stopping = true;
    }

    /** Lets no new work start and waits at most {@code limit} for the running work; whether it ended. */
    public synchronized boolean stopAndAwait(Duration limit) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + limit.toNanos();
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
