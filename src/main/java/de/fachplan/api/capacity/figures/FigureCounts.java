package de.fachplan.api.capacity.figures;

/**
 * The counts one city-wide figure (stadtweite Kennzahl) holds for its period: allocations
 * (Zuweisungen), departures, persons housed and places. A figure may hold any of them.
 */
public record FigureCounts(Integer allocations, Integer departures, Integer personsHoused, Integer places) {

    boolean isEmpty() {
        return allocations == null && departures == null && personsHoused == null && places == null;
    }
}
