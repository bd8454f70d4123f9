package de.fachplan.api.common.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells this replica that data may have changed: a generation number that moves on after every
 * write this replica acknowledges ({@link #localWrite()}) and whenever PostgreSQL reports a
 * committed write of any replica (the {@code fachplan_data_changed} channel, raised by the
 * triggers of changeset 012).
 *
 * <p>NOTIFY is delivered only after the writing transaction is visible, in commit order, and only
 * while the listening connection lives. A connection can die silently, and a pooler can swallow
 * notifications, so the listener sends itself a heartbeat notification on a channel of its own
 * every heartbeat interval: when it comes back, every write committed before it was sent has been
 * heard. {@link #heard()} is true only while the last returned heartbeat was sent less than the
 * staleness bound ago. Whoever serves from memory asks both: that bounds how long a write of
 * another replica stays unseen here, whatever happens to the channel.
 */
@ApplicationScoped
public class DataChanges {

    static final String CHANNEL = "fachplan_data_changed";
    private static final Logger LOG = Logger.getLogger(DataChanges.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadCacheConfig config;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

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

    /**
     * An instance that is shutting down serves its last requests from the database: the embedded
     * database may already be stopping, and a broken channel then is no news for the log.
     */
    void stopListening(@Observes ShutdownDelayInitiatedEvent event) {
        running = false;
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
        String heartbeatChannel = "fachplan_heartbeat_" + UUID.randomUUID().toString().replace("-", "");
        while (running) {
            try (Connection connection = connect()) {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    // Named, so that operators (and the replica check) tell it from the pool's other connections.
                    statement.execute("SET application_name = 'fachplan-data-changes'");
                    statement.execute("LISTEN " + CHANNEL);
                    statement.execute("LISTEN " + heartbeatChannel);
                }
                // Writes made while nobody listened were not heard: whatever is kept is suspect.
                generation.incrementAndGet();
                listening = true;
                long heartbeat = 0;
                long sentAt = 0;
                while (running) {
                    if (heartbeat == 0 || System.nanoTime() - sentAt >= config.heartbeat().toNanos()) {
                        sentAt = System.nanoTime();
                        heartbeat++;
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("NOTIFY " + heartbeatChannel + ", '" + heartbeat + "'");
                        }
                    }
                    PGNotification[] received = notifications.getNotifications((int) config.heartbeat().toMillis());
                    for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                        if (CHANNEL.equals(notification.getName())) {
                            generation.incrementAndGet();
                        } else if (String.valueOf(heartbeat).equals(notification.getParameter())) {
                            // One queue in commit order: every change committed before the heartbeat has arrived.
                            provenAliveAt = sentAt;
                        }
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

    /**
     * The pool's connection, or a direct one where the pool goes through PgBouncer in transaction
     * mode: LISTEN is session state that such a pooler does not keep. Were it misrouted anyway,
     * the heartbeats would not come back and nothing would be served from memory.
     */
    private Connection connect() throws SQLException {
        if (config.listenJdbcUrl().isPresent()) {
            return DriverManager.getConnection(config.listenJdbcUrl().get(), username.orElse(null),
                    password.orElse(null));
        }
        return dataSource.getConnection();
    }

    private void pause() {
        try {
            Thread.sleep(config.heartbeat().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
