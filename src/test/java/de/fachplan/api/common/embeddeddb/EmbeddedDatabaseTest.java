package de.fachplan.api.common.embeddeddb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The local default mode: a persistent embedded database in a new, empty directory (as on the
 * first start of the README's first command), open only with its password.
 */
class EmbeddedDatabaseTest {

    @Test
    void aNewDataDirectoryGetsADatabaseThatOnlyItsPasswordOpens() throws Exception {
        Path dataDir = Files.createTempDirectory("fachplan-embedded-test-").resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.obtain(dataDir.toString(), false);

        Path passwordFile = dataDir.resolve("fachplan-password");
        assertTrue(Files.exists(passwordFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertEquals(database.password(), Files.readString(passwordFile).trim());
        assertFalse(Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust\\s*$")));

        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.password());
                var result = connection.createStatement().executeQuery("SELECT 1")) {
            assertTrue(result.next());
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "wrong"));
    }

    @Test
    void anInitialisedDataDirectoryStartsAgainWithoutZonkyAndOnlyItsPasswordOpensIt() throws Exception {
        Path dataDir = Files.createTempDirectory("fachplan-embedded-warm-").resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.obtain(dataDir.toString(), false);
        assertTrue(Files.readString(dataDir.resolve("fachplan-binaries")).contains("postgres-"),
                "the first start notes the class-path archive and the binaries it unpacked");
        stop(dataDir);
        // A copy: Zonky's lock on the first directory is held by this JVM until it exits.
        Path copy = Files.createTempDirectory("fachplan-embedded-warm-copy-").resolve("postgres");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(dataDir.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }

        String url = WarmStart.start(copy).orElseThrow();
        try (var connection = DriverManager.getConnection(url, "postgres", first.password());
                var result = connection.createStatement().executeQuery("SHOW fsync")) {
            assertTrue(result.next());
            assertEquals("off", result.getString(1), "started with the options Zonky gives the server");
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "wrong"));
        stop(copy);
    }

    private static void stop(Path dataDir) throws Exception {
        Path binaries = Path.of(Files.readAllLines(dataDir.resolve("fachplan-binaries")).get(1));
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString(), "stop", "-m",
                "fast", "-w"));
        assertEquals(0, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor());
    }
}
