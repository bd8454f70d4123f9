package de.fachplan.api.controlling.imports;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** CSV imports of indicator values: when an upload becomes a job ({@link ValueImports}) and how jobs run ({@link ValueImportWorker}). */
@ConfigMapping(prefix = "fachplan.controlling")
public interface ImportsConfig {

    /** Uploads with more data rows than this run as import jobs ({@code 202}); up to it, they are answered at once (207). */
    @WithDefault("2000")
    int importJobThreshold();

    /**
     * Import jobs one caller may have queued or running, so that one caller's backlog does not hold
     * everyone else's jobs; one more upload is a 429 with {@code Retry-After}.
     */
    @WithDefault("3")
    int maxQueuedImportsPerCaller();

    /** The {@code Retry-After} of that 429: about the time a large job takes, as a hint; room is made when one ends. */
    @WithDefault("PT1M")
    Duration importQuotaRetryAfter();

    /**
     * How often each replica looks for queued jobs; an upload's commit also starts a look of its
     * own replica at once, so this paces only jobs that wait for another reason (a lease that ran
     * out, a job handed back while its replica stops). Read by the scheduler from the key itself
     * ({@code @Scheduled(every = ...)}), declared here for its default and documentation.
     */
    @WithDefault("2s")
    String importPollInterval();

    /**
     * How long a replica holds a job between two steps of progress: long enough for a chunk of rows
     * with plenty to spare, since a job of a replica that died waits this long before it resumes;
     * shutdown waits as long for a running step.
     */
    @WithDefault("PT2M")
    Duration importLease();

    /** How long a job runs before it lets another organisation's waiting job go first. */
    @WithDefault("PT10S")
    Duration importTurn();

    /** How long ended jobs stay readable. */
    @WithDefault("P7D")
    Duration importRetention();
}
