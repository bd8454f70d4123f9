package de.fachplan.api.controlling.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.background.BackgroundWork;
import de.fachplan.api.common.background.Nudged;
import de.fachplan.api.common.batch.BatchRunner;
import de.fachplan.api.common.operations.DatabaseOutage;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.RunAs;
import de.fachplan.api.controlling.values.IndicatorValueService;
import de.fachplan.api.controlling.values.ValueBatches;
import de.fachplan.api.generated.model.IndicatorValueBatchResultDto;

/**
 * Runs queued import jobs on whichever replica gets them first.
 *
 * <p>A replica claims one job at a time with {@code FOR UPDATE SKIP LOCKED}, takes a lease on it
 * under a new token and renews the lease with every run of rows it records. A job whose lease
 * ran out (its replica died or hung) is claimed again and resumes after the last recorded run.
 * Rows are applied as a {@code 207} upload applies its items ({@link BatchRunner}), in runs whose
 * transaction also records the job's progress, so a row is never applied twice nor lost. Every
 * write of progress is guarded by the token: a replica that lost its lease stops at its next run
 * and cannot overwrite the run that took over.
 *
 * <p>Organisations take turns: a claim prefers the organisation with the fewest jobs running, and a
 * job that has run for its turn ({@code fachplan.controlling.import-turn}) while another
 * organisation's job waits is handed back after its chunk and queues behind it. One
 * organisation's backlog thus holds another's job back by at most one turn.
 *
 * <p>An upload's commit starts this replica's look for jobs at once instead of at its next poll,
 * so a job does not wait up to a poll interval before its first row. A replica still works on one
 * job at a time: the poll and the look after an upload never run together.
 *
 * <p>An all-or-nothing job first checks every row (rolled back), then writes them all in one
 * transaction that also ends the job; if any row failed, it ends {@code FAILED} and writes
 * nothing. Each job runs as its uploader ({@link RunAs}): a partner's job can touch only the
 * values a partner's request could.
 */
@ApplicationScoped
public class ValueImportWorker {

    private static final Logger LOG = Logger.getLogger(ValueImportWorker.class);

    /** This replica, as the job records who claimed it last: the host (a pod's name) and the process id. */
    static final String WORKER = System.getenv().getOrDefault("HOSTNAME", "localhost") + ":"
            + ProcessHandle.current().pid();

    /**
     * Rows between two looks at whether the job should stop or hand its turn on, applied as one run
     * of one transaction (a failing row splits it): one commit, one progress update and one insert
     * per table for each chunk. At 64 rows per run a 50,000-row job waited mostly on its round
     * trips; a chunk of 500 new values takes a fraction of a second, well within a turn and a lease.
     */
    static final int CHUNK = 500;

    @Inject
    EntityManager em;

    @Inject
    ValueBatches batches;

    @Inject
    BatchRunner runner;

    @Inject
    IndicatorValueService values;

    @Inject
    RunAs runAs;

    @Inject
    ObjectMapper json;

    @Inject
    ImportsConfig config;

    /** A claimed job: its id, this run's lease token, what the upload asked for, its rows and how far it got. */
    record Claim(UUID id, UUID token, Options options, String body, RunAs.Principal principal, Progress progress) {
    }

    /** What the upload asked for: the plan its indicators are looked up in, a check only, all or nothing. */
    record Options(String planRef, boolean dryRun, boolean allOrNothing) {
    }

    /** Rows done (applied or failed) and rows failed when the job was claimed. */
    record Progress(int processed, int failed) {
    }

    /** Thrown inside a transaction to roll it back when the job's lease has passed to another run. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    /** Stops when the application does: a running job hands itself back after its current chunk. */
    private final BackgroundWork work = new BackgroundWork();

    /** Held while this replica claims and runs jobs: one job at a time per replica. */
    private final ReentrantLock running = new ReentrantLock();

    /** Uploads committed since the last look; several make one more look, not one each. */
    private final Nudged afterUploads = new Nudged("fachplan-imports-queued", this::runAfterUpload,
            "Import jobs after an upload failed; the scheduled poll carries on");

    void start(@Observes StartupEvent event) {
        afterUploads.start();
    }

    void runSoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) ValueImports.Queued event) {
        afterUploads.nudge();
    }

    private void runAfterUpload() throws InterruptedException {
        // A poll that runs now may have looked before the upload committed: wait for it, then look again.
        running.lockInterruptibly();
        try {
            runJobs();
        } finally {
            running.unlock();
        }
    }

    /** Waits for the running chunk before the datasource closes, so that stopping logs no broken connection. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!work.stopAndAwait(config.importLease())) {
            LOG.infof("An import job still running at shutdown resumes when its lease ends");
        }
        afterUploads.stop();
    }

    @Scheduled(every = "${fachplan.controlling.import-poll-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void work() {
        if (!running.tryLock()) {
            return;
        }
        try {
            runJobs();
        } finally {
            running.unlock();
        }
    }

    private void runJobs() {
        if (!work.enter()) {
            return;
        }
        try {
            for (Claim claim = work.stopping() ? null : claim(); claim != null; claim = work.stopping() ? null : claim()) {
                Claim job = claim;
                runAs.run(job.principal(), () -> run(job));
            }
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM indicator_value_import"
                    + " WHERE finished_at < now() - make_interval(secs => :retention)")
                    .setParameter("retention", (double) config.importRetention().toSeconds()).executeUpdate());
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) && !work.stopping()) {
                throw e;
            }
            // The jobs wait in the database (the database is unreachable, or this replica stops); a
            // claimed one is taken up again when its lease ends.
            LOG.debugf("Import jobs interrupted: %s", e.getClass().getSimpleName());
        } finally {
            work.exit();
        }
    }

    private Claim claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // A job's turn: 1 for the first open job of its organisation (jobs running under a live
            // lease count first), 2 for the second, and so on; the city's staff are one organisation.
            List<Row> rows = Row.list(em.createNativeQuery("WITH open AS (SELECT id, queued_at, row_number() OVER ("
                    + "PARTITION BY organisation_id ORDER BY (state = 'RUNNING' AND lease_until >= now()) DESC,"
                    + " queued_at, id) AS turn FROM indicator_value_import WHERE state IN ('QUEUED', 'RUNNING')),"
                    + " due AS (SELECT j.id FROM indicator_value_import j JOIN open o ON o.id = j.id"
                    + " WHERE j.state = 'QUEUED' OR (j.state = 'RUNNING' AND j.lease_until < now())"
                    + " ORDER BY o.turn, o.queued_at, o.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED)"
                    + " UPDATE indicator_value_import j SET state = 'RUNNING', started_at = COALESCE(j.started_at, now()),"
                    + " lease_until = now() + make_interval(secs => :lease), lease_token = gen_random_uuid(),"
                    + " worker = :worker, version = j.version + 1 FROM due WHERE j.id = due.id"
                    + " RETURNING j.id, j.lease_token, j.plan_ref, j.dry_run, j.all_or_nothing, j.body, j.caller_id,"
                    + " j.caller_name, j.caller_roles, j.organisation_id, j.request_id, j.processed_rows, j.failed_rows")
                    .setParameter("lease", (double) config.importLease().toSeconds()).setParameter("worker", WORKER));
            if (rows.isEmpty()) {
                return null;
            }
            Row r = rows.get(0);
            Set<String> roles = Set.copyOf(Arrays.asList(r.text("caller_roles").split(",")));
            return new Claim(r.uuid("id"), r.uuid("lease_token"), new Options(r.text("plan_ref"),
                    r.get("dry_run", Boolean.class), r.get("all_or_nothing", Boolean.class)), r.text("body"),
                    new RunAs.Principal(r.text("caller_id"), r.text("caller_name"), roles, r.uuid("organisation_id"),
                            r.text("request_id")),
                    new Progress(r.number("processed_rows").intValue(), r.number("failed_rows").intValue()));
        });
    }

    private void run(Claim job) {
        try {
            runRows(job);
        } catch (LeaseLost e) {
            LOG.infof("Import job %s was taken over by another run", job.id());
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e) || work.stopping()) {
                // Not the job's fault: its lease ends and a replica takes it up again.
                throw e;
            }
            // A job that fails for a reason of its own must not be retried on every lease.
            ProblemException problem = BatchRunner.problem(e, "import job " + job.id());
            try {
                finish(job, ValueImport.State.FAILED, problem.getMessage());
            } catch (LeaseLost lost) {
                LOG.infof("Import job %s was taken over by another run", job.id());
            }
        }
    }

    private void runRows(Claim job) {
        ValueUpload upload = new ValueUpload(job.body());
        String path = "indicator-value-imports/" + job.id();
        boolean checkOnly = job.options().dryRun() || job.options().allOrNothing();
        int total = upload.items.size();
        int failed = job.progress().failed();
        long turnEnds = System.nanoTime() + config.importTurn().toNanos();
        for (int from = job.progress().processed(); from < total; from += CHUNK) {
            if (work.stopping()) {
                release(job, from, "the application is stopping");
                return;
            }
            if (System.nanoTime() > turnEnds && !job.options().allOrNothing() && othersWait(job)) {
                release(job, from, "another organisation's job waits");
                return;
            }
            int to = Math.min(from + CHUNK, total);
            failed += (int) runner.applyAll(null, null, from, to, checkOnly, new Rows(job, upload, path))
                    .stream().filter(result -> result.getStatus() >= 400).count();
        }
        if (!job.options().allOrNothing() || failed == 0 && job.options().dryRun()) {
            finish(job, ValueImport.State.SUCCEEDED, null);
        } else if (failed > 0) {
            finish(job, ValueImport.State.FAILED, failed + " of " + total + " rows failed; the upload asked for all or"
                    + " nothing, so " + (job.options().dryRun() ? "it would write nothing." : "nothing was written."));
        } else {
            writeAll(job, upload, path);
        }
    }

    /**
     * The rows of a job, applied as a 207 upload applies its items. The progress of each run of rows
     * is recorded in the transaction that wrote them, so that a job taken over after a crash resumes
     * exactly after the last rows that were written: none is lost and none applied twice. A job
     * that lost its lease, a database outage and a stopping application end the job's run instead
     * of failing a row.
     */
    private final class Rows extends ValueBatches.Values {
        private final Claim job;

        Rows(Claim job, ValueUpload upload, String path) {
            super(values, job.options().planRef(), upload.items, upload.refused, path, job.options().dryRun(),
                    job.options().allOrNothing());
            this.job = job;
        }

        @Override
        public void record(int from, int to, List<IndicatorValueBatchResultDto> results) {
            List<IndicatorValueBatchResultDto> failures = results.stream().filter(r -> r.getStatus() >= 400).toList();
            // An all-or-nothing job has applied nothing yet; it counts its rows when it writes them.
            boolean countsNow = !job.options().allOrNothing() || job.options().dryRun();
            progress(job, to, countsNow ? results.size() - failures.size() : 0, failures);
        }

        @Override
        public int longestRun() {
            return CHUNK;
        }

        @Override
        public boolean endsBatch(RuntimeException failure) {
            return failure instanceof LeaseLost || DatabaseOutage.causedBy(failure) || work.stopping();
        }
    }

    private void writeAll(Claim job, ValueUpload upload, String path) {
        try {
            batches.writeTogether(job.options().planRef(), upload.items, () -> {
                if (end(job, ValueImport.State.SUCCEEDED, null, upload.items.size()) == 0) {
                    throw new LeaseLost();
                }
            });
        } catch (LeaseLost e) {
            throw e;
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e) || work.stopping()) {
                throw e;
            }
            // Another write got in between the check and the write: nothing was written.
            ProblemException problem = BatchRunner.problem(e, "the write of all-or-nothing import job " + job.id());
            finish(job, ValueImport.State.FAILED, "Nothing was written: " + problem.getMessage());
        }
    }

    /** Records in the current transaction that the job got to row {@code processed}, its counts, failed rows and a renewed lease. */
    private void progress(Claim job, int processed, int applied, List<IndicatorValueBatchResultDto> failures) {
        int updated = em.createNativeQuery("UPDATE indicator_value_import SET processed_rows = :processed,"
                + " applied_rows = applied_rows + :applied, failed_rows = failed_rows + :failed,"
                + " lease_until = now() + make_interval(secs => :lease), version = version + 1"
                + " WHERE id = :id AND lease_token = :token AND state = 'RUNNING'")
                .setParameter("processed", processed).setParameter("applied", applied)
                .setParameter("failed", failures.size()).setParameter("lease", (double) config.importLease().toSeconds())
                .setParameter("id", job.id()).setParameter("token", job.token()).executeUpdate();
        if (updated == 0) {
            throw new LeaseLost();
        }
        for (IndicatorValueBatchResultDto failure : failures) {
            em.createNativeQuery("INSERT INTO indicator_value_import_error (import_id, row_number, result)"
                    + " VALUES (:id, :row, CAST(:result AS jsonb))")
                    .setParameter("id", job.id()).setParameter("row", failure.getRow())
                    .setParameter("result", write(failure)).executeUpdate();
        }
    }

    /** Whether a job of another organisation waits and no replica runs it. */
    private boolean othersWait(Claim job) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("SELECT 1 FROM indicator_value_import"
                + " WHERE (state = 'QUEUED' OR (state = 'RUNNING' AND lease_until < now()))"
                + " AND organisation_id IS DISTINCT FROM :organisation LIMIT 1")
                .setParameter("organisation", job.principal().organisationId()).getResultList().isEmpty());
    }

    /**
     * Hands a job back to the queue at once, behind the jobs waiting now, so that another replica
     * need not wait for its lease to end.
     */
    private void release(Claim job, int processed, String why) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE indicator_value_import"
                + " SET state = 'QUEUED', lease_until = NULL, lease_token = NULL, queued_at = now(),"
                + " version = version + 1 WHERE id = :id AND lease_token = :token AND state = 'RUNNING'")
                .setParameter("id", job.id()).setParameter("token", job.token()).executeUpdate());
        LOG.infof("Import job %s handed back after %d rows: %s", job.id(), processed, why);
    }

    private void finish(Claim job, ValueImport.State state, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (end(job, state, detail, 0) == 0) {
                throw new LeaseLost();
            }
        });
    }

    /** Ends the job in the current transaction if this run still holds it; the number of rows updated. */
    private int end(Claim job, ValueImport.State state, String detail, int applied) {
        return em.createNativeQuery("UPDATE indicator_value_import SET state = :state, detail = :detail,"
                + " applied_rows = applied_rows + :applied, finished_at = now(), body = NULL, lease_until = NULL,"
                + " lease_token = NULL, version = version + 1 WHERE id = :id AND lease_token = :token AND state = 'RUNNING'")
                .setParameter("state", state.name())
                .setParameter("detail", detail == null ? null : detail.substring(0, Math.min(detail.length(), 2000)))
                .setParameter("applied", applied).setParameter("id", job.id()).setParameter("token", job.token())
                .executeUpdate();
    }

    private String write(IndicatorValueBatchResultDto result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import error could not be serialised", e);
        }
    }
}
