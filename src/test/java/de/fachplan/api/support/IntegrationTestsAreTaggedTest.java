package de.fachplan.api.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The fast layer ({@code ./mvnw test -DexcludedGroups=integration}) leaves out every test class
 * that boots Quarkus; that works only while each such class carries the tag.
 */
class IntegrationTestsAreTaggedTest {

    @Test
    void everyTestThatBootsTheServiceIsTaggedIntegration() throws Exception {
        Path classes = Path.of(IntegrationTestsAreTaggedTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        List<String> untagged;
        try (Stream<Path> files = Files.walk(classes)) {
            untagged = files.map(classes::relativize).map(Path::toString)
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .map(IntegrationTestsAreTaggedTest::load)
                    .filter(c -> c.isAnnotationPresent(QuarkusTest.class))
                    .filter(c -> !c.isAnnotationPresent(Tag.class) || !c.getAnnotation(Tag.class).value().equals("integration"))
                    .map(Class::getName).toList();
        }
        assertTrue(untagged.isEmpty(), "@QuarkusTest classes without @Tag(\"integration\"): " + untagged);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, IntegrationTestsAreTaggedTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(name, e);
        }
    }
}
