package de.fachplan.api.capacity.forecast;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The languages the chart picture is drawn in, German first (the plan's own language and the
 * default), and the choice among them by {@code Accept-Language} (RFC 9110 section 12.5.4).
 *
 * <p>Each language takes the weight of the most specific language range that matches it: its own
 * tag, then a regional tag of it ({@code en-GB} for English: the picture has no regional
 * variants, so a client that asks for one gets the language), then {@code *}. The highest weight
 * wins, ties go to the range the client listed first. When no language has a weight above zero,
 * the first one the client did not refuse ({@code q=0}) is drawn, so a header that names only
 * other languages, or cannot be read, gives German.
 */
public enum ChartLanguage {
    GERMAN(Locale.GERMAN), ENGLISH(Locale.ENGLISH);

    private static final String LABELS = "de.fachplan.api.capacity.forecast.CapacityChartLabels";
    private static final int NONE = -1;

    private final Locale locale;

    ChartLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The language's tag for {@code Content-Language}. */
    public String tag() {
        return locale.toLanguageTag();
    }

    /** The picture's texts in this language; no fallback to another language or the JVM's locale. */
    ResourceBundle labels() {
        return ResourceBundle.getBundle(LABELS, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** What a weighted match of a language found: how well, how much wanted, where listed. */
    private record Match(int specificity, double weight, int position) {
    }

    public static ChartLanguage negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return GERMAN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return GERMAN;
        }
        ChartLanguage best = null;
        Match bestMatch = null;
        ChartLanguage firstNotRefused = null;
        for (ChartLanguage language : values()) {
            Match match = match(language, ranges);
            if (match == null || match.weight() > 0) {
                firstNotRefused = firstNotRefused == null ? language : firstNotRefused;
            }
            if (match != null && match.weight() > 0 && (bestMatch == null || match.weight() > bestMatch.weight()
                    || (match.weight() == bestMatch.weight() && match.position() < bestMatch.position()))) {
                best = language;
                bestMatch = match;
            }
        }
        if (best != null) {
            return best;
        }
        return firstNotRefused != null ? firstNotRefused : GERMAN;
    }

    /** The most specific range that matches the language (the highest weight among equals), or null. */
    private static Match match(ChartLanguage language, List<Locale.LanguageRange> ranges) {
        String tag = language.tag();
        Match best = null;
        for (int position = 0; position < ranges.size(); position++) {
            Locale.LanguageRange range = ranges.get(position);
            int specificity = specificity(range.getRange(), tag);
            if (specificity == NONE) {
                continue;
            }
            if (best == null || specificity > best.specificity()
                    || (specificity == best.specificity() && range.getWeight() > best.weight())) {
                best = new Match(specificity, range.getWeight(), position);
            }
        }
        return best;
    }

    private static int specificity(String range, String tag) {
        if (range.equals(tag)) {
            return 2;
        }
        if (range.startsWith(tag + "-")) {
            return 1;
        }
        return range.equals("*") ? 0 : NONE;
    }
}
