package de.fachplan.api.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GermanSearchConditionTest {

    @Test
    void searchTextReachesSqlOnlyAsParameters() {
        GermanSearch.Condition condition = GermanSearch.condition("Kita'); DROP TABLE measure; --");
        assertFalse(condition.sql().contains("DROP"));
        assertEquals(List.of("Kita", "DROP", "TABLE", "measure"), List.copyOf(condition.parameters().values()));
    }

    @Test
    void everyWordMustMatchUnlessJoinedByOr() {
        GermanSearch.Condition both = GermanSearch.condition("Sprachkurs Kinder");
        assertTrue(both.sql().contains(") AND ("));
        assertFalse(both.sql().contains(" OR (numnode"));
        GermanSearch.Condition either = GermanSearch.condition("Sprachkurs or Kinder");
        assertTrue(either.sql().startsWith("(("), either.sql());
        assertTrue(either.sql().contains(" OR (numnode"), either.sql());
    }

    @Test
    void anExcludedWordAndAPhraseKeepTheirMeaning() {
        GermanSearch.Condition condition = GermanSearch.condition("\"Sprachkurs mit Kinderbetreuung\" -Eltern");
        assertTrue(condition.sql().startsWith("m.search_vector @@ phraseto_tsquery"), condition.sql());
        assertTrue(condition.sql().contains(" AND NOT (m.search_vector"), condition.sql());
        assertEquals(List.of("Sprachkurs mit Kinderbetreuung", "Eltern"), List.copyOf(condition.parameters().values()));
    }

    @Test
    void aSearchWithoutWordsMatchesEverything() {
        assertEquals("TRUE", GermanSearch.condition("- \"\" ...").sql());
    }
}
