package de.fachplan.api.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status life cycle as the README and the contract state it, without a container. */
class MeasureStatusTest {

    @ParameterizedTest(name = "{0} may change to [{1}]")
    @CsvSource(delimiter = ';', value = {
            "PIPELINE; IMPLEMENTATION CANCELLED",
            "IMPLEMENTATION; FINALISATION SUSPENDED CANCELLED",
            "SUSPENDED; IMPLEMENTATION CANCELLED",
            "FINALISATION; CLOSED IMPLEMENTATION",
            "CLOSED; ''",
            "CANCELLED; ''" })
    void eachStatusChangesOnlyToItsDocumentedSuccessors(MeasureStatus from, String allowed) {
        Set<MeasureStatus> expected = EnumSet.noneOf(MeasureStatus.class);
        for (String status : allowed.split(" ")) {
            if (!status.isBlank()) {
                expected.add(MeasureStatus.valueOf(status));
            }
        }
        assertEquals(expected, from.next());
        for (MeasureStatus to : MeasureStatus.values()) {
            assertEquals(expected.contains(to), from.canChangeTo(to), from + " -> " + to);
        }
    }
}
