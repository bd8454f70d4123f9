package de.fachplan.api.common.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fachplan.api.measures.MeasureFilter;
import de.fachplan.api.sync.AuditEvents;

/**
 * A cursor belongs to the filters it was issued for. Every component of a filter record counts,
 * including ones added after this test was written: it walks the components it finds.
 */
class FilterFingerprintTest {

    static Stream<Class<? extends Record>> filters() {
        return Stream.of(MeasureFilter.class, AuditEvents.Filter.class);
    }

    @ParameterizedTest
    @MethodSource("filters")
    void everyComponentOfAFilterChangesTheFingerprint(Class<? extends Record> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Record empty = instance(type, new Object[components.length]);
        for (int i = 0; i < components.length; i++) {
            Object[] values = new Object[components.length];
            values[i] = sample(components[i].getType());
            Record filtered = instance(type, values);
            assertNotEquals(PageRequest.fingerprint(empty), PageRequest.fingerprint(filtered),
                    components[i].getName() + " is not part of the fingerprint");
        }
    }

    @ParameterizedTest
    @MethodSource("filters")
    void theSameInstantInAnotherOffsetIsTheSameFilter(Class<? extends Record> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType() != OffsetDateTime.class) {
                continue;
            }
            Object[] utc = new Object[components.length];
            Object[] berlin = new Object[components.length];
            OffsetDateTime time = OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.UTC);
            utc[i] = time;
            berlin[i] = time.withOffsetSameInstant(ZoneOffset.ofHours(2));
            assertEquals(PageRequest.fingerprint(instance(type, utc)), PageRequest.fingerprint(instance(type, berlin)));
        }
    }

    private static Record instance(Class<? extends Record> type, Object[] values) throws Exception {
        Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<? extends Record> constructor = type.getDeclaredConstructor(parameterTypes);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
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
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample value for " + type + ": add one here");
    }
}
