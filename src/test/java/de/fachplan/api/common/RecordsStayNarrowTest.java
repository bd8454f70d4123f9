package de.fachplan.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.fachplan.api.common.paging.ListFilter;
import de.fachplan.api.support.CompiledClasses;

/**
 * Records are built by position, so a wide one invites swapped arguments that compile: a record of
 * the service's own code has at most {@value #MAX_COMPONENTS} components. Wider values are built
 * by name (a builder) or grouped into smaller named records. The generated wire models are not
 * records and are left out.
 */
class RecordsStayNarrowTest {

    static final int MAX_COMPONENTS = 7;

    @Test
    void noRecordOfTheServiceHasMoreThanSevenComponents() {
        Path classes = CompiledClasses.directoryOf(ListFilter.class);
        List<Class<?>> records = CompiledClasses.all(classes, classes.resolve("de/fachplan/api"),
                        classes.resolve("de/fachplan/api/generated")).stream()
                .filter(Class::isRecord)
                .toList();
        assertTrue(records.size() > 20, "the walk found only " + records.size() + " records");
        List<String> wide = records.stream().filter(r -> r.getRecordComponents().length > MAX_COMPONENTS)
                .map(r -> r.getName() + " (" + r.getRecordComponents().length + ")").sorted().toList();
        assertEquals(List.of(), wide);
    }
}
