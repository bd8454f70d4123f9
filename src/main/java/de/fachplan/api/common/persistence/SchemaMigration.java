package de.fachplan.api.common.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.liquibase.LiquibaseFactory;
import io.quarkus.runtime.StartupEvent;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;

/**
 * Migrates the schema before anything else starts, and only when there is something to migrate.
 *
 * <p>Liquibase reads and checksums the whole changelog and takes its lock on every start, even
 * when every changeset has run: over a second and tens of megabytes of classes the service then
 * keeps for nothing. After a complete migration the fingerprint of what was applied (the
 * changelog files and the contexts) is stored; a start that finds the same fingerprint has
 * nothing to do and never loads Liquibase. Any difference (a new changeset, another context, an
 * empty database) runs Liquibase as before, under its lock, so that several replicas starting at
 * once still migrate exactly once.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);
    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");

    @Inject
    LiquibaseFactory liquibase;

    @Inject
    AgroalDataSource dataSource;

    /** Off only where the schema is known to be in place or the database to be away (tests). */
    @Inject
    SchemaMigrationConfig config;

    /** Before the scheduler (which starts at PLATFORM_BEFORE) and every other observer of the start. */
    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String fingerprint = fingerprint();
        if (fingerprint.equals(applied())) {
            LOG.debugf("Schema up to date (%s); Liquibase not needed", fingerprint);
            return;
        }
        try (Liquibase migration = liquibase.createLiquibase()) {
            // The lock first, as Quarkus does: replicas that start at once on an empty database would
            // otherwise race to create Liquibase's own tables before any of them holds the lock.
            LockService lock = LockServiceFactory.getInstance().getLockService(migration.getDatabase());
            lock.waitForLock();
            try {
                migration.update(liquibase.createContexts(), liquibase.createLabels());
            } finally {
                lock.releaseLock();
            }
        } catch (LiquibaseException e) {
            throw new IllegalStateException("The database schema could not be migrated: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("The database schema could not be migrated", e);
        }
        record(fingerprint);
    }

    /** A hash of every changelog file in include order, and of the contexts they run with. */
    String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String changeLog = liquibase.getConfiguration().changeLog;
            byte[] root = resource(changeLog);
            digest.update(root);
            String text = new String(root, StandardCharsets.UTF_8);
            Matcher include = INCLUDE.matcher(text);
            int included = 0;
            while (include.find()) {
                digest.update(include.group(1).getBytes(StandardCharsets.UTF_8));
                digest.update(resource(include.group(1)));
                included++;
            }
            // A change the hash does not see would skip Liquibase silently: only plain includes are understood.
            if (included != text.split("<include", -1).length - 1) {
                throw new IllegalStateException(changeLog + " uses a form of include the schema fingerprint does not"
                        + " follow; list every file as <include file=\"...\"/>");
            }
            digest.update(String.valueOf(liquibase.createContexts()).getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(liquibase.createLabels()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The fingerprint of the last complete migration, or null (none yet, or an older schema). */
    private String applied() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT fingerprint FROM schema_fingerprint WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getString("fingerprint") : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private void record(String fingerprint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO schema_fingerprint"
                        + " (id, fingerprint, applied_at) VALUES (1, ?, now()) ON CONFLICT (id)"
                        + " DO UPDATE SET fingerprint = EXCLUDED.fingerprint, applied_at = EXCLUDED.applied_at")) {
            upsert.setString(1, fingerprint);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The schema fingerprint could not be stored: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("changelog file " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("changelog file " + name + " could not be read", e);
        }
    }
}
