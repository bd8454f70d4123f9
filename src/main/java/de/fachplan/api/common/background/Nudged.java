package de.fachplan.api.common.background;

import java.util.concurrent.Semaphore;

import org.jboss.logging.Logger;

/**
 * Work that a commit starts at once ({@link #nudge()}, from an observer of the transaction's
 * success) on a daemon thread of its own, instead of at the next tick of its scheduled poll.
 * Nudges that arrive while the work runs make one more run, not one each; the scheduled poll
 * stays for everything else (retries that come due, what other replicas wrote).
 */
public final class Nudged {

    /** The work; it may wait, and ends its thread when interrupted there. */
    @FunctionalInterface
    public interface Work {
        void run() throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(Nudged.class);

    private final String threadName;
    private final Work work;
    private final String failure;
    private final Semaphore nudges = new Semaphore(0);
    private Thread thread;

    /**
     * @param threadName the daemon thread's name
     * @param failure what the log says when a run fails (the next nudge or poll tries again)
     */
    public Nudged(String threadName, Work work, String failure) {
        this.threadName = threadName;
        this.work = work;
        this.failure = failure;
    }

    public synchronized void start() {
        thread = new Thread(this::runWhenNudged, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void runWhenNudged() {
        while (true) {
            try {
                nudges.acquire();
                nudges.drainPermits();
                work.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, failure);
            }
        }
    }
}
