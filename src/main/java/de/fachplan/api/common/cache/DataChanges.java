package de.fachplan.api.common.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
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
    private static final int HEARTBEATS_IN_FLIGHT = 64;

    private volatile long provenAliveAt;
    private volatile boolean proven;
    private boolean lossReported;
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
        return listening && proven && System.nanoTime() - provenAliveAt < config.stalenessBound().toNanos();
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
                try {
                    listen(connection, heartbeatChannel);
                } finally {
                    listening = false;
                    forget(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    // Once per loss, not once per attempt to get them back.
                    if (!lossReported) {
                        LOG.warnf("Lost the database's change notifications (%s); reads are served from the database"
                                + " until they are back", e.getMessage());
                        lossReported = true;
                    }
                    pause();
                }
            }
        }
    }

    private void listen(Connection connection, String heartbeatChannel) throws SQLException {
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
        lossReported = false;
        // When each recent heartbeat was sent: one that comes back late still proves everything
        // committed before it was sent, even if later ones are already on their way.
        long[] sentAt = new long[HEARTBEATS_IN_FLIGHT];
        long heartbeat = 0;
        while (running) {
            if (heartbeat == 0 || System.nanoTime() - sentAt[(int) (heartbeat % sentAt.length)]
                    >= config.heartbeat().toNanos()) {
                heartbeat++;
                sentAt[(int) (heartbeat % sentAt.length)] = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.execute("NOTIFY " + heartbeatChannel + ", '" + heartbeat + "'");
                }
            }
            PGNotification[] received = notifications.getNotifications((int) config.heartbeat().toMillis());
            for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                if (CHANNEL.equals(notification.getName())) {
                    generation.incrementAndGet();
                } else {
                    long returned = Long.parseLong(notification.getParameter());
                    if (heartbeat - returned < sentAt.length) {
                        // One queue in commit order: every change committed before it was sent has arrived.
                        long sent = sentAt[(int) (returned % sentAt.length)];
                        if (!proven || sent - provenAliveAt > 0) {
                            provenAliveAt = sent;
                            proven = true;
                        }
                    }
                }
            }
        }
    }

    /**
     * A dedicated connection to the primary where the pool goes through PgBouncer in transaction
     * mode (LISTEN is session state that such a pooler does not keep; were it misrouted anyway,
     * the heartbeats would not come back and nothing would be served from memory), else one of
     * the pool. The dedicated one gets the timeouts the pool's connections have, so that a
     * failover or a half-open connection is noticed in seconds, not when the kernel gives up.
     */
    private Connection connect() throws SQLException {
        if (config.listenJdbcUrl().isPresent()) {
            Properties properties = new Properties();
            username.ifPresent(u -> properties.setProperty("user", u));
            password.ifPresent(p -> properties.setProperty("password", p));
            properties.setProperty("connectTimeout", "3");
            properties.setProperty("socketTimeout", "10");
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "fachplan-data-changes");
            return DriverManager.getConnection(config.listenJdbcUrl().get(), properties);
        }
        return dataSource.getConnection();
    }

    /** A pooled connection goes back to the pool without this listener's session state. */
    private void forget(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
            statement.execute("RESET application_name");
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("The listening connection could not be reset (%s); it is closed with it", e.getMessage());
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
