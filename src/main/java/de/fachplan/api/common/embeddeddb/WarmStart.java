package de.fachplan.api.common.embeddeddb;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Starts an initialised data directory with {@code pg_ctl} directly, without Zonky.
 *
 * <p>Every Zonky start reads its 15 MB binaries archive from the class path and hashes it to find
 * the unpacked binaries, runs a script to detect the Linux distribution, and then logs in once
 * more (a SCRAM handshake) to see whether the server is up, although {@code pg_ctl -w} already
 * waited for that: together most of the embedded database's share of a start. After Zonky has
 * started a directory once, the binaries it used and the archive they came from are noted beside
 * the data; a later start with the same archive on the class path starts {@code postgres} from
 * there with the same options and the same lock Zonky takes. Anything unexpected (another
 * archive, binaries gone from the temporary directory, a failing {@code pg_ctl}) falls back to
 * Zonky.
 */
final class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class);
    private static final String RECORD_FILE = "fachplan-binaries";
    private static final int STARTUP_WAIT_SECONDS = 60;

    private WarmStart() {
    }

    /** After a Zonky start: which binaries run this directory, and which class-path archive they are. */
    static void remember(Path dataDir) {
        try {
            Optional<String> archive = binariesArchive();
            Optional<Path> binaries = EmbeddedDatabase.postmasterOf(dataDir, dataDir.resolve(EmbeddedDatabase.PID_FILE))
                    .flatMap(p -> p.info().command()).map(c -> Path.of(c).getParent().getParent());
            if (archive.isPresent() && binaries.isPresent()) {
                Files.writeString(dataDir.resolve(RECORD_FILE), archive.get() + "\n" + binaries.get() + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Not noted which binaries run %s; the next start goes through Zonky again", dataDir);
        }
    }

    /** The JDBC URL of the started server, or empty when Zonky has to start it. */
    static Optional<String> start(Path dataDir) {
        Optional<Path> binaries = recordedBinaries(dataDir);
        if (binaries.isEmpty() || hasTrustRule(dataDir)) {
            return Optional.empty();
        }
        FileOutputStream lockStream = null;
        try {
            lockStream = new FileOutputStream(dataDir.resolve(EmbeddedDatabase.LOCK_FILE).toFile());
            FileLock lock;
            try {
                lock = lockStream.getChannel().tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the data directory is in use by another running instance");
            }
            int port = freePort();
            List<String> start = pgCtl(binaries.get(), dataDir);
            // The options Zonky starts the server with, so that both starts give the same server.
            start.addAll(List.of("-o", "-p " + port + " -F -c timezone=UTC -c synchronous_commit=off"
                    + " -c max_connections=100 -c listen_addresses=localhost", "-w", "-t",
                    String.valueOf(STARTUP_WAIT_SECONDS), "start"));
            if (run(start, STARTUP_WAIT_SECONDS + 5) != 0) {
                lock.release();
                lockStream.close();
                LOG.warnf("pg_ctl could not start %s; trying Zonky", dataDir);
                return Optional.empty();
            }
            FileOutputStream heldLock = lockStream;
            StopAfterService.register("fachplan-embedded-postgres-stop", () -> stop(binaries.get(), dataDir, heldLock));
            return Optional.of(String.format(Locale.ROOT, "jdbc:postgresql://localhost:%d/%s?user=%s", port,
                    EmbeddedDatabase.DATABASE, EmbeddedDatabase.USER));
        } catch (IOException e) {
            closeQuietly(lockStream);
            LOG.warnf(e, "pg_ctl could not start %s; trying Zonky", dataDir);
            return Optional.empty();
        }
    }

    private static void stop(Path binaries, Path dataDir, FileOutputStream lock) {
        try {
            List<String> stop = pgCtl(binaries, dataDir);
            stop.addAll(List.of("stop", "-m", "fast", "-t", "5", "-w"));
            run(stop, 10);
        } catch (IOException e) {
            LOG.errorf(e, "Could not stop the embedded PostgreSQL in %s", dataDir);
        } finally {
            closeQuietly(lock);
        }
    }

    private static Optional<Path> recordedBinaries(Path dataDir) {
        Path record = dataDir.resolve(RECORD_FILE);
        if (!Files.exists(record) || !Files.exists(dataDir.resolve("postgresql.conf"))) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            Optional<String> archive = binariesArchive();
            if (lines.size() < 2 || archive.isEmpty() || !archive.get().equals(lines.get(0))) {
                return Optional.empty();
            }
            Path binaries = Path.of(lines.get(1));
            // Zonky marks a completely unpacked directory with ".exists".
            boolean complete = Files.exists(binaries.resolve(".exists"))
                    && Files.isExecutable(binaries.resolve("bin").resolve("pg_ctl"));
            return complete ? Optional.of(binaries) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The class-path archive Zonky unpacks on this machine, named as Zonky looks it up
     * ({@code postgres-<system>-<architecture>.txz}); its URL names the binaries artifact and version.
     */
    private static Optional<String> binariesArchive() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : null;
        if (system == null) {
            return Optional.empty();
        }
        String architecture = ArchUtils.normalize(System.getProperty("os.arch"));
        String name = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(Locale.ROOT).replace(' ', '_');
        URL url = EmbeddedDatabase.class.getClassLoader().getResource(name);
        return Optional.ofNullable(url).map(URL::toString);
    }

    /** A start that finds {@code trust} left in the access rules goes through Zonky, which replaces them. */
    private static boolean hasTrustRule(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve(EmbeddedDatabase.HBA_FILE), StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> !l.startsWith("#") && l.matches(".*\\btrust\\s*$"));
        } catch (IOException e) {
            return true;
        }
    }

    /** Zonky runs the server binaries under {@code unshare -U} where PostgreSQL would refuse root; so does this. */
    private static List<String> pgCtl(Path binaries, Path dataDir) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("bin").resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        return command;
    }

    private static int run(List<String> command, int timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(FileOutputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
