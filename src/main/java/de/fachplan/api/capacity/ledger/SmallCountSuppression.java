package de.fachplan.api.capacity.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Small-count suppression of the public per-district figures (statistische Geheimhaltung).
 *
 * <p>A cell is withheld when its persons housed or its places are above zero and below the
 * threshold, or when it stems from a single facility (then it would be that facility's occupancy).
 * The month's total is published (the city-wide chart shows it anyway), so the withheld cells of a
 * month can always be summed up as total minus published cells. Further cells are therefore
 * withheld, smallest first, until the withheld cells are at least two, come from at least two
 * facilities where that is known, and hold at least the threshold in persons and in places. If even
 * all cells of a month do not reach that, the month's total is withheld as well.
 */
public final class SmallCountSuppression {

    private SmallCountSuppression() {
    }

    /** One district's figures of a month; {@code facilities} is {@code null} where not known. */
    public record Cell(String district, Integer persons, Integer places, Integer facilities) {
    }

    /** The cells in their original order, which of them are withheld, and whether the total is. */
    public record Result(List<Cell> cells, Set<String> withheld, boolean totalWithheld) {
    }

    public static Result apply(List<Cell> cells, int threshold) {
        Set<String> withheld = new HashSet<>();
        for (Cell cell : cells) {
            if (small(cell.persons(), threshold) || small(cell.places(), threshold)
                    || (cell.facilities() != null && cell.facilities() == 1)) {
                withheld.add(cell.district());
            }
        }
        if (withheld.isEmpty()) {
            return new Result(cells, withheld, false);
        }
        List<Cell> candidates = new ArrayList<>(cells.stream().filter(c -> !withheld.contains(c.district())).toList());
        candidates.sort(Comparator.comparing((Cell c) -> value(c.persons())).thenComparing(c -> value(c.places()))
                .thenComparing(Cell::district));
        while (!safe(cells, withheld, threshold) && !candidates.isEmpty()) {
            withheld.add(candidates.remove(0).district());
        }
        return new Result(cells, withheld, !safe(cells, withheld, threshold));
    }

    private static boolean small(Integer value, int threshold) {
        return value != null && value > 0 && value < threshold;
    }

    private static boolean safe(List<Cell> cells, Set<String> withheld, int threshold) {
        int count = 0;
        int persons = 0;
        int places = 0;
        int facilities = 0;
        boolean facilitiesKnown = true;
        boolean anyPlaces = false;
        for (Cell cell : cells) {
            if (!withheld.contains(cell.district())) {
                continue;
            }
            count++;
            persons += value(cell.persons());
            places += value(cell.places());
            anyPlaces |= cell.places() != null;
            if (cell.facilities() == null) {
                facilitiesKnown = false;
            } else {
                facilities += cell.facilities();
            }
        }
        return count >= 2 && persons >= threshold && (!anyPlaces || places >= threshold)
                && (!facilitiesKnown || facilities >= 2);
    }

    private static int value(Integer value) {
        return value == null ? 0 : value;
    }
}
