package de.fachplan.api.common.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Later parts of a long COPY, each run on a connection of its own while the first part streams:
 * one statement's rows come from one backend, which is then the export's limit; two backends on
 * the two cores write twice as many rows. A part reads the snapshot of the exporting transaction
 * ({@code pg_export_snapshot()} there, {@code SET TRANSACTION SNAPSHOT} here), so the parts
 * together are what one statement would have read, and goes to a temporary file until the
 * response reaches it: memory stays that of a buffer, whatever the export's length.
 *
 * <p>At most {@link #THREADS} parts run at a time, each holding a connection of the pool; when
 * none is free, {@link #start} says so and the caller copies the part itself.
 */
@ApplicationScoped
public class SpooledCopies {

    /** Parts copied at the same time, beside the exports' own connections. */
    static final int THREADS = 2;

    /** What {@code pg_export_snapshot()} returns (hex numbers and dashes); it is spliced into SQL. */
    private static final Pattern SNAPSHOT = Pattern.compile("[0-9A-Fa-f-]+");

    /** What a part needs on its connection before it copies (e.g. settings its statement reads). */
    public interface Setup {
        void apply(Connection connection) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    @Inject
    ExportConfig config;

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "fachplan-spooled-copy");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Starts {@code copy} (a {@code COPY ... TO STDOUT}) in {@code snapshot} on a connection of its
     * own, into a temporary file; {@code null} when no thread is free.
     */
    public Part start(String snapshot, Setup setup, String copy) throws IOException {
        if (!SNAPSHOT.matcher(snapshot).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshot);
        }
        Path file = config.spoolDirectory().isPresent()
                ? Files.createTempFile(Files.createDirectories(config.spoolDirectory().get()), "fachplan-export-", ".csv")
                : Files.createTempFile("fachplan-export-", ".csv");
        AtomicBoolean stop = new AtomicBoolean();
        try {
            Future<Long> copying = threads.submit(() -> spool(snapshot, setup, copy, file, stop));
            return new Part(file, stop, copying);
        } catch (RejectedExecutionException busy) {
            Files.delete(file);
            return null;
        }
    }

    private long spool(String snapshot, Setup setup, String copy, Path file, AtomicBoolean stop)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
            }
            setup.apply(connection);
            long rows;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                rows = DatabaseCsv.write(connection, copy, new StoppableOutput(out, stop));
            }
            connection.rollback();
            return rows;
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /** A part being copied; {@link #close} stops it if need be and deletes its file. */
    public static final class Part implements AutoCloseable {

        private final Path file;
        private final AtomicBoolean stop;
        private final Future<Long> copying;

        Part(Path file, AtomicBoolean stop, Future<Long> copying) {
            this.file = file;
            this.stop = stop;
            this.copying = copying;
        }

        /** Waits until the part is copied, then writes it to {@code out}. */
        public void appendTo(OutputStream out) throws IOException, SQLException {
            awaitCopied();
            Files.copy(file, out);
        }

        private void awaitCopied() throws IOException, SQLException {
            try {
                copying.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while a part of the export was copied");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                } else if (e.getCause() instanceof IOException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * Stops the copy if it still runs (the response failed or the client left), waits for its
         * thread to let go of the file, and deletes it.
         */
        @Override
        public void close() {
            stop.set(true);
            try {
                copying.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException ignored) {
                // The part's failure has been reported by appendTo, or no longer matters.
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Ends a part's copy at its next row once its export has stopped. */
    private static final class StoppableOutput extends OutputStream {

        private final OutputStream out;
        private final AtomicBoolean stop;

        StoppableOutput(OutputStream out, AtomicBoolean stop) {
            this.out = out;
            this.stop = stop;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (stop.get()) {
                throw new InterruptedIOException("the export stopped");
            }
            out.write(bytes, offset, length);
        }
    }
}
