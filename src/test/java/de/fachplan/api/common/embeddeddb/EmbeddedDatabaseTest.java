package de.fachplan.api.common.embeddeddb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

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
}
