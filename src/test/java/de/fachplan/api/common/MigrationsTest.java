package de.fachplan.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Guards the rule that demo data never reaches a production database: the service runs the
 * changelog with the context "reference" there and "reference,demo" only on its embedded one.
 */
class MigrationsTest {

    private static final Path CHANGES = Path.of("src", "main", "resources", "db", "changes");

    private static List<String> changesets(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("--changeset")).toList();
    }

    @Test
    void everyDemoChangesetCarriesTheDemoContextAndNoOtherDoes() throws IOException {
        try (Stream<Path> files = Files.list(CHANGES)) {
            for (Path file : files.toList()) {
                for (String changeset : changesets(file)) {
                    boolean demo = changeset.contains("context:demo");
                    assertEquals(file.getFileName().toString().contains("demo"), demo, changeset + " in " + file);
                }
            }
        }
        assertFalse(changesets(CHANGES.resolve("003-demo-data.sql")).isEmpty());
    }

    @Test
    void theChangelogIncludesEveryChangeFile() throws IOException {
        String changelog = Files.readString(Path.of("src", "main", "resources", "db", "changelog.xml"));
        try (Stream<Path> files = Files.list(CHANGES)) {
            for (Path file : files.toList()) {
                assertTrue(changelog.contains("db/changes/" + file.getFileName()), file + " is not in changelog.xml");
            }
        }
    }
}
