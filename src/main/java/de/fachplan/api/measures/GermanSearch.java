package de.fachplan.api.measures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a search text into one SQL condition on {@code measure m} and the rank of a row. Text and
 * query are folded alike by the database ({@code search_fold}, changeset 030: lower case, unaccent,
 * ae/oe/ue as a/o/u). Each word must match in one of three ways, so that the Snowball stemmer's
 * gaps are covered: its stem equals a stem of the text (Familien, Familie); its stem of four or more
 * letters occurs inside the text, which finds compounds and the plural whose stem is longer than
 * the singular's (Sprachkurse in Integrationssprachkurs); or the word is more than 0.6 similar to
 * a stretch of the text by trigrams (pg_trgm), which forgives a typo (Sprachkrus). Stop words are
 * ignored. Quoted phrases, {@code or} between terms and a leading {@code -} keep the web-search
 * syntax the contract has always offered. Values reach SQL only as bound parameters.
 */
final class GermanSearch {

    /** Three of five trigrams (Kino against Kinder) is not similar enough; Sprachkrus is 0.64. */
    static final double SIMILARITY = 0.61;

    /** Shorter stems occur inside too many unrelated words (rat in Beratung) to match there. */
    static final int MIN_INNER_STEM = 4;

    private static final Pattern TOKEN = Pattern.compile("\"([^\"]*)\"?|(\\S+)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** An SQL condition with the values of its named parameters. */
    record Condition(String sql, Map<String, Object> parameters) {
    }

    private GermanSearch() {
    }

    /** The condition that {@code q} puts on a measure row; {@code TRUE} when it has no word. */
    static Condition condition(String q) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        boolean orPending = false;
        Matcher token = TOKEN.matcher(q);
        while (token.find()) {
            String phrase = token.group(1);
            String bare = token.group(2);
            if (bare != null && bare.equalsIgnoreCase("or") && !alternatives.isEmpty()) {
                orPending = true;
                continue;
            }
            String term = phrase != null ? phrase(phrase, parameters)
                    : bare.startsWith("-") && bare.length() > 1 ? excluded(bare.substring(1), parameters)
                    : words(bare, parameters);
            if (term == null) {
                continue;
            }
            if (!orPending && !alternatives.isEmpty()) {
                groups.add(group(alternatives));
                alternatives.clear();
            }
            alternatives.add(term);
            orPending = false;
        }
        if (!alternatives.isEmpty()) {
            groups.add(group(alternatives));
        }
        return new Condition(groups.isEmpty() ? "TRUE" : String.join(" AND ", groups), parameters);
    }

    /**
     * 0 when the title is the search text (folded alike), 1 when the title contains it, 2
     * otherwise: exact title matches come first.
     */
    static String rank() {
        return "(CASE WHEN m.search_title = search_fold(:searchText) THEN 0"
                + " WHEN strpos(m.search_title, search_fold(:searchText)) > 0 THEN 1 ELSE 2 END)";
    }

    private static String group(List<String> alternatives) {
        return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String words(String token, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        Matcher word = WORD.matcher(token);
        while (word.find()) {
            String name = bind(word.group(), parameters);
            // <% finds the candidates through the trigram index (at its default threshold, 0.6);
            // the explicit similarity decides, whatever that setting is.
            conditions.add("(numnode(plainto_tsquery('german', :" + name + ")) = 0 OR " + stem(name)
                    + " OR (search_fold(:" + name + ") <% m.search_text AND word_similarity(search_fold(:" + name
                    + "), m.search_text) > " + SIMILARITY + "))");
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    /** An excluded word excludes by stem, also inside compounds, but not by similarity. */
    private static String excluded(String token, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        Matcher word = WORD.matcher(token);
        while (word.find()) {
            conditions.add("NOT " + stem(bind(word.group(), parameters)));
        }
        return conditions.isEmpty() ? null : String.join(" AND ", conditions);
    }

    private static String phrase(String phrase, Map<String, Object> parameters) {
        if (!WORD.matcher(phrase).find()) {
            return null;
        }
        String name = bind(phrase, parameters);
        return "m.search_vector @@ phraseto_tsquery('german', search_fold(:" + name + "))";
    }

    /** A word (one lexeme at most) by its stem, also inside words; both through an index. */
    private static String stem(String name) {
        String lexeme = "array_to_string(tsvector_to_array(to_tsvector('german', search_fold(:" + name + "))), '')";
        return "(m.search_vector @@ plainto_tsquery('german', search_fold(:" + name + "))"
                + " OR (length(" + lexeme + ") >= " + MIN_INNER_STEM + " AND m.search_text LIKE '%' || " + lexeme
                + " || '%'))";
    }

    private static String bind(String value, Map<String, Object> parameters) {
        String name = "search" + parameters.size();
        parameters.put(name, value);
        return name;
    }
}
