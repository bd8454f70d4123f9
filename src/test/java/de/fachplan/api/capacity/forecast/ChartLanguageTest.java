package de.fachplan.api.capacity.forecast;

import static de.fachplan.api.capacity.forecast.ChartLanguage.ENGLISH;
import static de.fachplan.api.capacity.forecast.ChartLanguage.GERMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The picture's language by Accept-Language (RFC 9110 section 12.5.4), and its texts in each. */
class ChartLanguageTest {

    private static ChartLanguage of(String acceptLanguage) {
        return ChartLanguage.negotiate(acceptLanguage);
    }

    @Test
    void germanWithoutAHeaderOrWhenItNamesNeitherLanguageOrCannotBeRead() {
        assertEquals(GERMAN, of(null));
        assertEquals(GERMAN, of(""));
        assertEquals(GERMAN, of("*"));
        assertEquals(GERMAN, of("fr-FR, fr;q=0.9, pl;q=0.5"));
        assertEquals(GERMAN, of("en;q=nope"));
    }

    @Test
    void theHighestWeightWinsAndTiesGoToTheClientsOrder() {
        assertEquals(ENGLISH, of("en"));
        assertEquals(ENGLISH, of("en, de"));
        assertEquals(GERMAN, of("de, en"));
        assertEquals(ENGLISH, of("de;q=0.4, en;q=0.8"));
        assertEquals(GERMAN, of("en;q=0.3, de"));
        assertEquals(ENGLISH, of("fr, en;q=0.2"));
    }

    @Test
    void aRegionalTagCountsForItsLanguageButTheExactTagIsMoreSpecific() {
        assertEquals(ENGLISH, of("en-GB"));
        assertEquals(ENGLISH, of("en-US,en;q=0.9,de;q=0.8"));
        assertEquals(GERMAN, of("de-AT, en;q=0.9"));
        // en itself is refused; its regional tag asked for does not outweigh that
        assertEquals(GERMAN, of("en-GB;q=0.9, en;q=0, de;q=0.1"));
        assertEquals(ENGLISH, of("de-CH;q=0.2, de;q=0.1, en;q=0.15"));
    }

    @Test
    void zeroRefusesAndTheWildcardGivesTheRest() {
        assertEquals(ENGLISH, of("de;q=0, *"));
        assertEquals(GERMAN, of("en;q=0, *;q=0.5"));
        assertEquals(ENGLISH, of("de;q=0"), "nothing acceptable: the first language not refused");
        assertEquals(GERMAN, of("de;q=0, en;q=0"), "everything refused: the default");
    }

    @Test
    void everyLanguageHasEveryText() {
        Set<String> german = new TreeSet<>(Collections.list(GERMAN.labels().getKeys()));
        for (ChartLanguage language : ChartLanguage.values()) {
            assertEquals(german, new TreeSet<>(Collections.list(language.labels().getKeys())), language.name());
            assertEquals(language.locale(), language.labels().getLocale(), "no fallback to another language");
        }
    }
}
