package de.fachplan.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import de.fachplan.api.common.http.AcceptNegotiation;

/** The choice among an operation's media types, as RFC 9110 section 12.5.1 describes it. */
class AcceptRulesTest {

    private static final List<String> JSON_OR_CSV = List.of("application/json", "text/csv");

    private static Optional<String> choose(String accept) {
        return AcceptNegotiation.choose(accept, JSON_OR_CSV);
    }

    @Test
    void withoutAPreferenceTheOperationsDefaultWins() {
        assertEquals(Optional.of("application/json"), choose(null));
        assertEquals(Optional.of("application/json"), choose("*/*"));
        assertEquals(Optional.of("application/json"), choose("no-media-range, ;q=x"));
    }

    @Test
    void theHighestQualityWinsAndZeroRefuses() {
        assertEquals(Optional.of("text/csv"), choose("application/json;q=0.5, text/csv"));
        assertEquals(Optional.of("application/json"), choose("text/csv;q=0.5, application/json;q=0.9"));
        assertEquals(Optional.of("text/csv"), choose("application/json;q=0, */*;q=0.1"));
        assertEquals(Optional.empty(), choose("application/json;q=0, text/csv;q=0"));
        assertEquals(Optional.empty(), choose("text/csv;q=0, application/json;q=0, */*"));
    }

    @Test
    void theMostSpecificRangeGivesATypeItsQuality() {
        assertEquals(Optional.of("application/json"), choose("text/*;q=0.9, text/csv;q=0.1, application/*;q=0.5"));
        assertEquals(Optional.of("text/csv"), choose("text/*"));
    }

    @Test
    void onEqualQualityAnExactRangeThenTheClientsOrderDecides() {
        assertEquals(Optional.of("application/json"), choose("text/*, application/json"));
        assertEquals(Optional.of("text/csv"), choose("text/csv, application/json"));
        assertEquals(Optional.of("application/json"), choose("application/json, text/csv"));
    }

    @Test
    void anImageRangeReachesOnlyThePictureAndAnyRangeStillTheDefault() {
        List<String> withPicture = List.of("application/json", "text/csv", "image/svg+xml");
        assertEquals(Optional.of("image/svg+xml"), AcceptNegotiation.choose("image/*", withPicture));
        assertEquals(Optional.of("image/svg+xml"),
                AcceptNegotiation.choose("image/avif,image/webp,image/svg+xml,image/*,*/*;q=0.8", withPicture));
        assertEquals(Optional.of("application/json"), AcceptNegotiation.choose("*/*", withPicture));
        assertEquals(Optional.empty(), AcceptNegotiation.choose("image/svg+xml;q=0, image/*", withPicture));
        assertEquals(Optional.empty(), AcceptNegotiation.choose("image/svg+xml", JSON_OR_CSV));
    }

    @Test
    void aTypeThatOnlyErrorsUseIsNoMatch() {
        assertEquals(Optional.empty(), choose("application/problem+json"));
        assertEquals(Optional.empty(), choose("image/png"));
        assertEquals(Optional.of("text/csv"), choose("TEXT/CSV; charset=utf-8"));
    }
}
