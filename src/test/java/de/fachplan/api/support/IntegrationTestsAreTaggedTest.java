package de.fachplan.api.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The fast layer ({@code ./mvnw test -DexcludedGroups=integration}) leaves out every test class
 * that boots Quarkus; that works only while each such class carries the tag.
 */
class IntegrationTestsAreTaggedTest {

    @Test
    void everyTestThatBootsTheServiceIsTaggedIntegration() {
        Path classes = CompiledClasses.directoryOf(IntegrationTestsAreTaggedTest.class);
        List<String> untagged = CompiledClasses.topLevel(classes, classes).stream()
                .filter(c -> c.isAnnotationPresent(QuarkusTest.class))
                .filter(c -> !c.isAnnotationPresent(Tag.class) || !c.getAnnotation(Tag.class).value().equals("integration"))
                .map(Class::getName).toList();
        assertTrue(untagged.isEmpty(), "@QuarkusTest classes without @Tag(\"integration\"): " + untagged);
    }
}
