package de.fachplan.api.capacity.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.fachplan.api.capacity.ledger.SmallCountSuppression.Cell;
import de.fachplan.api.capacity.ledger.SmallCountSuppression.Result;

/** The suppression rule against hand-made months. */
class SmallCountSuppressionTest {

    @Test
    void largeCellsOfSeveralFacilitiesArePublished() {
        Result result = SmallCountSuppression.apply(List.of(cell("A", 50, 60, 2), cell("B", 120, 150, 3)), 5);
        assertTrue(result.withheld().isEmpty());
        assertFalse(result.totalWithheld());
    }

    @Test
    void aSmallCellIsWithheldTogetherWithTheNextSmallestSoTheTotalCannotRevealIt() {
        Result result = SmallCountSuppression.apply(
                List.of(cell("A", 3, 40, 2), cell("B", 50, 60, 2), cell("C", 100, 120, 4)), 5);
        assertEquals(Set.of("A", "B"), result.withheld());
        assertFalse(result.totalWithheld());
    }

    @Test
    void aCellOfASingleFacilityIsWithheldWhateverItsSize() {
        Result result = SmallCountSuppression.apply(
                List.of(cell("A", 200, 220, 1), cell("B", 300, 330, 3), cell("C", 400, 420, 2)), 5);
        assertEquals(Set.of("A", "B"), result.withheld());
    }

    @Test
    void smallPlacesAreWithheldLikeSmallPersons() {
        Result result = SmallCountSuppression.apply(
                List.of(cell("A", 0, 4, 2), cell("B", 30, 40, 2), cell("C", 60, 80, 2)), 5);
        assertTrue(result.withheld().contains("A"));
        assertEquals(2, result.withheld().size());
    }

    @Test
    void withheldCellsThatStillHoldTooFewTakeMoreCells() {
        // A (2) and B (1) together hold 3 persons, below the threshold: C joins them.
        Result result = SmallCountSuppression.apply(
                List.of(cell("A", 2, 10, 2), cell("B", 1, 10, 2), cell("C", 90, 100, 2), cell("D", 400, 450, 5)), 5);
        assertEquals(Set.of("A", "B", "C"), result.withheld());
        assertFalse(result.totalWithheld());
    }

    @Test
    void whenNoCombinationIsSafeTheTotalIsWithheldToo() {
        Result result = SmallCountSuppression.apply(List.of(cell("A", 2, 6, 2), cell("B", 1, 6, 2)), 5);
        assertEquals(Set.of("A", "B"), result.withheld());
        assertTrue(result.totalWithheld());
    }

    @Test
    void emptyCellsAreNotSmallCounts() {
        Result result = SmallCountSuppression.apply(List.of(cell("A", 0, 0, 0), cell("B", 100, 120, 2)), 5);
        assertTrue(result.withheld().isEmpty());
    }

    @Test
    void publishedFiguresWithoutFacilityCountsOnlyNeedTheThreshold() {
        Result result = SmallCountSuppression.apply(List.of(new Cell("A", 752, null, null), new Cell("B", 4, null, null),
                new Cell("C", 262, null, null)), 5);
        assertEquals(Set.of("B", "C"), result.withheld());
    }

    private static Cell cell(String district, int persons, int places, int facilities) {
        return new Cell(district, persons, places, facilities);
    }
}
