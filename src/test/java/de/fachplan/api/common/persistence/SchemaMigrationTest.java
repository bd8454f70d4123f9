package de.fachplan.api.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema a start migrates is the one the entities need, and the start records what it
 * applied, so that the next start skips Liquibase. Starts validate nothing themselves.
 */
@QuarkusTest
@Tag("integration")
class SchemaMigrationTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    SchemaMigration migration;

    @Inject
    DataSource dataSource;

    @Test
    void theMigratedSchemaHasEveryTableAndColumnTheEntitiesMap() {
        sessionFactory.getSchemaManager().validateMappedObjects();
    }

    @Test
    void theStartRecordsTheFingerprintOfWhatItAppliedSoThatTheNextSkipsLiquibase() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT fingerprint FROM schema_fingerprint WHERE id = 1")) {
            assertTrue(row.next(), "no fingerprint recorded");
            assertEquals(migration.fingerprint(), row.getString("fingerprint"));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) AS n FROM databasechangelog"
                        + " WHERE id = '013-schema-fingerprint'")) {
            count.next();
            assertEquals(1, count.getInt("n"), "the changeset that made the table ran once");
        }
    }
}
