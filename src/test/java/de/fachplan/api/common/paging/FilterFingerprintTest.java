package de.fachplan.api.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fachplan.api.support.CompiledClasses;

/**
 * A cursor belongs to the filters it was issued for. Every component of every list's filter
 * counts, including filters and components added after this test was written: it finds the
 * filters as the implementations of {@link ListFilter} among the compiled classes, and walks their
 * components down into nested records.
 */
class FilterFingerprintTest {

    static List<Class<?>> filters() {
        Path classes = CompiledClasses.directoryOf(ListFilter.class);
        return CompiledClasses.all(classes, classes.resolve("de/fachplan/api")).stream()
                .filter(type -> type != ListFilter.class && ListFilter.class.isAssignableFrom(type))
                .toList();
    }

    @Test
    void theListsHaveFilters() {
        assertFalse(filters().isEmpty(), "no ListFilter found among the compiled classes");
    }

    @ParameterizedTest
    @MethodSource("filters")
    void everyComponentOfAFilterChangesTheFingerprint(Class<?> type) throws Exception {
        assertTrue(type.isRecord(), type + " implements ListFilter, so it must be a record");
        List<List<RecordComponent>> leaves = leaves(type, List.of());
        String empty = PageRequest.fingerprint((ListFilter) instance(type, path -> null, List.of()));
        for (List<RecordComponent> leaf : leaves) {
            ListFilter filtered = (ListFilter) instance(type, (List<RecordComponent> path) -> name(path).equals(name(leaf)) ? sample(last(leaf).getType()) : null,
                    List.of());
            assertNotEquals(empty, PageRequest.fingerprint(filtered), name(leaf) + " is not part of the fingerprint");
        }
    }

    @ParameterizedTest
    @MethodSource("filters")
    void theSameInstantInAnotherOffsetIsTheSameFilter(Class<?> type) throws Exception {
        OffsetDateTime time = OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        for (List<RecordComponent> leaf : leaves(type, List.of())) {
            if (last(leaf).getType() != OffsetDateTime.class) {
                continue;
            }
            Object utc = instance(type, (List<RecordComponent> path) -> name(path).equals(name(leaf)) ? time : null, List.of());
            Object berlin = instance(type,
                    (List<RecordComponent> path) -> name(path).equals(name(leaf)) ? time.withOffsetSameInstant(ZoneOffset.ofHours(2)) : null, List.of());
            assertEquals(PageRequest.fingerprint((ListFilter) utc), PageRequest.fingerprint((ListFilter) berlin),
                    name(leaf));
        }
    }

    /** The paths to the components that are not records themselves. */
    private static List<List<RecordComponent>> leaves(Class<?> type, List<RecordComponent> prefix) {
        List<List<RecordComponent>> paths = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            List<RecordComponent> path = new ArrayList<>(prefix);
            path.add(component);
            if (component.getType().isRecord()) {
                paths.addAll(leaves(component.getType(), path));
            } else {
                paths.add(path);
            }
        }
        return paths;
    }

    /** A filter whose leaves take the value {@code valueAt} gives for their path; nested records always exist. */
    private static Object instance(Class<?> type, Function<List<RecordComponent>, Object> valueAt, List<RecordComponent> prefix)
            throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            List<RecordComponent> path = new ArrayList<>(prefix);
            path.add(components[i]);
            Class<?> componentType = components[i].getType();
            Object value = componentType.isRecord() ? instance(componentType, valueAt, path) : valueAt.apply(path);
            values[i] = value == null && componentType.isPrimitive() ? zero(componentType) : value;
        }
        Constructor<?> constructor = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    private static RecordComponent last(List<RecordComponent> path) {
        return path.get(path.size() - 1);
    }

    private static String name(List<RecordComponent> path) {
        return String.join(".", path.stream().map(RecordComponent::getName).toList());
    }

    private static Object zero(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        throw new IllegalArgumentException("no zero for " + type + ": add one here");
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == UUID.class) {
            return UUID.fromString("00000000-0000-0000-0000-000000000001");
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        }
        if (type == long.class) {
            return 7L;
        }
        if (type == int.class) {
            return 7;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample value for " + type + ": add one here");
    }
}
