package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A labelled set of German queries: each names the measures it must find and some it must not.
 * Recall is counted over all must-find pairs; the set covers inflection, case endings, umlauts and
 * ß with their ASCII spellings, compounds and typos.
 */
@QuarkusTest
@Tag("integration")
class GermanSearchTest {

    /** Title and description of each measure of this class, by a short key. */
    private static final Map<String, String[]> CORPUS = new LinkedHashMap<>();

    static {
        CORPUS.put("KURS_MUETTER", new String[] { "S", "Sprachkurs mit Kinderbetreuung für Mütter",
                "Deutschunterricht am Vormittag, während die Kinder betreut werden." });
        CORPUS.put("INTEGRATION", new String[] { "S", "Integrationssprachkurs für Zugewanderte",
                "Kurs nach der Integrationskursverordnung mit Abschlussprüfung." });
        CORPUS.put("KURS_ELTERN", new String[] { "S", "Sprachkurse für Eltern", "Abendkurse in den Stadtteilen." });
        CORPUS.put("FAMILIEN", new String[] { "M", "Beratung von Familien mit Kindern",
                "Eine feste Ansprechperson hilft der Familie beim Zugang zu Kita und Schule." });
        CORPUS.put("WOHNUNG", new String[] { "W", "Wohnungen statt Gemeinschaftsunterkunft",
                "Vermittlung einer eigenen Wohnung über die Wohnungsbörse." });
        CORPUS.put("MENTOREN", new String[] { "B", "Mentorinnen und Mentoren für Neuzugewanderte",
                "Geflüchtete begleiten als Mentor neu Angekommene." });
        CORPUS.put("STRASSE", new String[] { "Q", "Aufsuchende Sozialarbeit auf der Straße",
                "Streetwork in Gorbitz und am Wiener Platz." });
        CORPUS.put("HAUPTSTRASSE", new String[] { "Q", "Treffpunkt Hauptstrasse", "Begegnung im Ladenlokal." });
        CORPUS.put("GESUNDHEIT", new String[] { "G", "Gesundheitsberatung für Frauen",
                "Sprechstunden zu Vorsorge und Impfungen." });
        CORPUS.put("SCHULE", new String[] { "F", "Schulbegleitung für Jugendliche",
                "Ehrenamtliche helfen bei Hausaufgaben." });
        CORPUS.put("LOTSEN", new String[] { "R", "Ämterlotsen", "Begleitung zu Behörden." });
        CORPUS.put("CAFE", new String[] { "P", "Müttercafé im Stadtteil", "Ein Treffpunkt mit Babys." });
        CORPUS.put("SPRACHKURS", new String[] { "S", "Sprachkurs", "Offener Kurs ohne Anmeldung." });
    }

    /** A query, the measures it must find and measures it must not find. */
    private record Labelled(String q, Set<String> mustFind, Set<String> mustNotFind) {
    }

    private static List<Labelled> set() {
        List<Labelled> set = new ArrayList<>();
        // Singular, plural and case endings.
        set.add(q("Sprachkurs", "KURS_MUETTER INTEGRATION KURS_ELTERN SPRACHKURS", "GESUNDHEIT SCHULE"));
        set.add(q("Sprachkurse", "KURS_MUETTER INTEGRATION KURS_ELTERN SPRACHKURS", "GESUNDHEIT SCHULE"));
        set.add(q("Sprachkursen", "KURS_MUETTER INTEGRATION KURS_ELTERN SPRACHKURS", "GESUNDHEIT SCHULE"));
        set.add(q("Sprachkurses", "KURS_MUETTER KURS_ELTERN SPRACHKURS", "GESUNDHEIT"));
        set.add(q("Familie", "FAMILIEN", "KURS_MUETTER GESUNDHEIT"));
        set.add(q("Familien", "FAMILIEN", "SCHULE WOHNUNG"));
        set.add(q("Kind", "KURS_MUETTER FAMILIEN", "GESUNDHEIT LOTSEN"));
        set.add(q("Kinder", "KURS_MUETTER FAMILIEN", "GESUNDHEIT"));
        set.add(q("Kindern", "KURS_MUETTER FAMILIEN", "WOHNUNG"));
        set.add(q("Kindes", "KURS_MUETTER FAMILIEN", "SCHULE"));
        set.add(q("Wohnung", "WOHNUNG", "FAMILIEN"));
        set.add(q("Wohnungen", "WOHNUNG", "GESUNDHEIT"));
        set.add(q("Mentor", "MENTOREN", "SCHULE"));
        set.add(q("Mentoren", "MENTOREN", "SCHULE"));
        set.add(q("Mentorin", "MENTOREN", "GESUNDHEIT"));
        set.add(q("Mentorinnen", "MENTOREN", "GESUNDHEIT"));
        set.add(q("Mentors", "MENTOREN", "LOTSEN"));
        set.add(q("Beratung", "FAMILIEN GESUNDHEIT", "SCHULE"));
        set.add(q("Beratungen", "FAMILIEN GESUNDHEIT", "SCHULE"));
        set.add(q("Frau", "GESUNDHEIT", "SCHULE"));
        set.add(q("Frauen", "GESUNDHEIT", "SCHULE"));
        set.add(q("Jugendlichen", "SCHULE", "GESUNDHEIT"));
        set.add(q("Schulbegleitungen", "SCHULE", "FAMILIEN"));
        set.add(q("Behörde", "LOTSEN", "SCHULE"));
        // Umlauts and ß with their ASCII spellings, in the query and in the text.
        set.add(q("Mütter", "KURS_MUETTER CAFE", "GESUNDHEIT"));
        set.add(q("Muetter", "KURS_MUETTER CAFE", "GESUNDHEIT"));
        set.add(q("Mutter", "KURS_MUETTER CAFE", "GESUNDHEIT"));
        set.add(q("Straße", "STRASSE HAUPTSTRASSE", "GESUNDHEIT"));
        set.add(q("Strasse", "STRASSE HAUPTSTRASSE", "GESUNDHEIT"));
        set.add(q("Straßen", "STRASSE HAUPTSTRASSE", "SCHULE"));
        set.add(q("Hauptstraße", "HAUPTSTRASSE", "STRASSE"));
        set.add(q("Behoerden", "LOTSEN", "SCHULE"));
        set.add(q("Wohnungsboerse", "WOHNUNG", "FAMILIEN"));
        set.add(q("Gemeinschaftsunterkuenfte", "WOHNUNG", "FAMILIEN"));
        set.add(q("Aemterlotsen", "LOTSEN", "GESUNDHEIT"));
        // Compounds: a word inside a longer one.
        set.add(q("Integrationssprachkurs", "INTEGRATION", "GESUNDHEIT KURS_ELTERN"));
        set.add(q("Integrationskurs", "INTEGRATION", "KURS_MUETTER"));
        set.add(q("Kinderbetreuung", "KURS_MUETTER", "FAMILIEN"));
        set.add(q("Ämter", "LOTSEN", "GESUNDHEIT"));
        set.add(q("Lotsen", "LOTSEN", "SCHULE"));
        set.add(q("Wohnungsbörse", "WOHNUNG", "FAMILIEN"));
        // Several words: each must match.
        set.add(q("Sprachkurs Kinder", "KURS_MUETTER", "INTEGRATION KURS_ELTERN"));
        set.add(q("Familien Kinder", "FAMILIEN", "KURS_MUETTER"));
        set.add(q("Beratung für Frauen", "GESUNDHEIT", "FAMILIEN"));
        // Typos.
        set.add(q("Sprachkrus", "KURS_MUETTER SPRACHKURS", "GESUNDHEIT"));
        set.add(q("Familen", "FAMILIEN", "GESUNDHEIT"));
        set.add(q("Mentorn", "MENTOREN", "SCHULE"));
        return set;
    }

    private static Labelled q(String q, String mustFind, String mustNotFind) {
        return new Labelled(q, Set.of(mustFind.split(" ")), Set.of(mustNotFind.split(" ")));
    }

    private static String organisation;
    private static final Map<String, String> TITLE_OF = new LinkedHashMap<>();

    @BeforeEach
    void createMeasures() {
        if (organisation != null) {
            return;
        }
        organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger GermanSearchTest\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        CORPUS.forEach((key, measure) -> {
            editor().contentType(ContentType.JSON)
                    .body(Map.of("actionField", measure[0], "title", measure[1], "description", measure[2],
                            "leadOrganisationId", organisation))
                    .post("/api/v1/measures").then().statusCode(201);
            TITLE_OF.put(key, measure[1]);
        });
    }

    private static List<String> titlesFound(String q) {
        return anonymous().queryParam("organisation", organisation).queryParam("q", q).queryParam("limit", 100)
                .get("/api/v1/measures").then().statusCode(200).extract().path("items.title");
    }

    @Test
    void findsEveryInflectedSpelledOrCompoundedFormInTheLabelledSet() {
        List<Labelled> set = set();
        int pairs = 0;
        int found = 0;
        List<String> missed = new ArrayList<>();
        List<String> wronglyFound = new ArrayList<>();
        for (Labelled labelled : set) {
            List<String> titles = titlesFound(labelled.q());
            for (String key : labelled.mustFind()) {
                pairs++;
                if (titles.contains(TITLE_OF.get(key))) {
                    found++;
                } else {
                    missed.add(labelled.q() + " -> " + key);
                }
            }
            for (String key : labelled.mustNotFind()) {
                if (titles.contains(TITLE_OF.get(key))) {
                    wronglyFound.add(labelled.q() + " -> " + key);
                }
            }
        }
        assertTrue(set.size() >= 40, "the set holds at least 40 queries");
        String recall = String.format(java.util.Locale.ROOT, "recall %d/%d = %.1f %% over %d queries", found, pairs,
                100.0 * found / pairs, set.size());
        System.out.println("GermanSearchTest " + recall);
        assertEquals(List.of(), missed, recall);
        assertEquals(List.of(), wronglyFound, "found what it must not");
    }

    @Test
    void ranksAnExactTitleMatchFirst() {
        assertEquals("Sprachkurs", titlesFound("Sprachkurs").get(0));
        assertEquals("Sprachkurs", titlesFound("sprachkurs").get(0));
        assertEquals("Sprachkurse für Eltern", titlesFound("Sprachkurse fuer Eltern").get(0));
    }

    @Test
    void anExplicitSortWinsOverRelevance() {
        assertEquals(List.of("Integrationssprachkurs für Zugewanderte", "Sprachkurs",
                "Sprachkurs mit Kinderbetreuung für Mütter", "Sprachkurse für Eltern"), anonymous()
                .queryParam("organisation", organisation).queryParam("q", "Sprachkurs").queryParam("sort", "title")
                .get("/api/v1/measures").then().statusCode(200).extract().path("items.title"));
    }
}
