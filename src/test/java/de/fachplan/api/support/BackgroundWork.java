package de.fachplan.api.support;

import io.quarkus.scheduler.Scheduler;

/** Statement counts of a request, taken while no background job writes. */
public final class BackgroundWork {

    private BackgroundWork() {
    }

    /**
     * Runs {@code measurement} with the scheduler paused. The statistics count every statement of
     * the application, and a background job's write drops kept pages; a job may still be running
     * when the scheduler is paused, so a run it disturbed is repeated until one is clean. A query
     * per row fails every run.
     */
    public static void pausedWhile(Scheduler scheduler, Runnable measurement) {
        scheduler.pause();
        try {
            AssertionError disturbed = null;
            for (int run = 0; run < 10; run++) {
                try {
                    measurement.run();
                    return;
                } catch (AssertionError e) {
                    disturbed = e;
                }
            }
            throw disturbed;
        } finally {
            scheduler.resume();
        }
    }
}
