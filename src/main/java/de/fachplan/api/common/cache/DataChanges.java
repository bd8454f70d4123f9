package de.fachplan.api.common.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells this replica that data may have changed: a generation number that moves on after every
 * write this replica acknowledges ({@link #localWrite()}) and whenever PostgreSQL reports a
 * committed write of any replica (the {@code fachplan_data_changed} channel, raised by the
 * triggers of changeset 012).
 *
 * <p>NOTIFY is delivered only after the writing transaction is visible, and only while the
 * listening connection lives. A connection can die silently, so the listener proves it alive with
 * a query every heartbeat; {@link #heard()} is true only while the last proof is younger than the
 * staleness bound. Whoever serves from memory asks both: that bounds how long a write of another
 * replica stays unseen here, even when the channel breaks.
 */
@ApplicationScoped
public class DataChanges {

    static final String CHANNEL = "fachplan_data_changed";
    private static final Logger LOG = Logger.getLogger(DataChanges.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadCacheConfig config;

    private final AtomicLong generation = new AtomicLong();
    private volatile long provenAliveAt;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "fachplan-data-changes");
        listener.setDaemon(true);
        listener.start();
    }

    /** Stops before the datasource closes, so that shutting down logs no broken connection. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener.join(config.heartbeat().toMillis() * 5);
        }
    }

    /** The current generation: a representation rendered in an older one may be out of date. */
    public long generation() {
        return generation.get();
    }

    /** Whether every write committed longer ago than the staleness bound is reflected in the generation. */
    public boolean heard() {
        return listening && System.nanoTime() - provenAliveAt < config.stalenessBound().toNanos();
    }

    /**
     * A write on this replica was acknowledged (or failed): called before its response leaves, so
     * that the client's next read here never sees the state before it.
     */
    public void localWrite() {
        generation.incrementAndGet();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    // Named, so that operators (and the replica check) tell it from the pool's other connections.
                    statement.execute("SET application_name = 'fachplan-data-changes'");
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Writes made while nobody listened were not heard: whatever is kept is suspect.
                generation.incrementAndGet();
                listening = true;
                while (running) {
                    long before = System.nanoTime();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SELECT 1");
                    }
                    provenAliveAt = before;
                    PGNotification[] received = notifications.getNotifications((int) config.heartbeat().toMillis());
                    if (received != null && received.length > 0) {
                        generation.incrementAndGet();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    if (listening) {
                        LOG.warnf("Lost the database's change notifications (%s); reads are served from the database"
                                + " until they are back", e.getMessage());
                    }
                    listening = false;
                    pause();
                }
            } finally {
                listening = false;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.heartbeat().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
