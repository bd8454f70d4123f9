package de.fachplan.api.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the representation an {@code Accept} header asks for among those an operation offers, as
 * RFC 9110 (section 12.5.1) describes: each offered type takes the quality of the most specific
 * media range that matches it, quality 0 means "not acceptable", and the highest quality wins.
 * Where qualities tie, an exact media range beats a wildcard, then the range the client listed
 * first, then the order in which the operation offers its types (its default first). Media
 * ranges that cannot be read are left out; a header with none that can be read counts as absent.
 */
public final class AcceptNegotiation {

    private static final int NONE = -1;

    private AcceptNegotiation() {
    }

    /** One media range of the header: type, subtype, quality, and where the client listed it. */
    record Range(String type, String subtype, double quality, int position) {

        /** 2 for {@code text/csv}, 1 for {@code text/*}, 0 for {@code *}{@code /*}; {@value #NONE} if it does not match. */
        int specificity(String offeredType, String offeredSubtype) {
            if (type.equals("*")) {
                return 0;
            }
            if (!type.equals(offeredType)) {
                return NONE;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return subtype.equals(offeredSubtype) ? 2 : NONE;
        }
    }

    /**
     * The offered type to answer with (as given in {@code offered}), or empty when the header
     * accepts none of them.
     *
     * @param offered the operation's media types (type/subtype), its default first
     */
    public static Optional<String> choose(String accept, List<String> offered) {
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        List<Range> ranges = parse(accept);
        if (ranges.isEmpty()) {
            return Optional.of(offered.get(0));
        }
        String best = null;
        double bestQuality = 0;
        int bestSpecificity = NONE;
        int bestPosition = Integer.MAX_VALUE;
        for (String type : offered) {
            String[] parts = type.toLowerCase(Locale.ROOT).split("/", 2);
            Range match = null;
            int specificity = NONE;
            for (Range range : ranges) {
                int s = range.specificity(parts[0], parts[1]);
                if (s > specificity) {
                    match = range;
                    specificity = s;
                }
            }
            if (match == null || match.quality() <= 0) {
                continue;
            }
            boolean better = match.quality() > bestQuality
                    || (match.quality() == bestQuality && (specificity > bestSpecificity
                            || (specificity == bestSpecificity && match.position() < bestPosition)));
            if (better) {
                best = type;
                bestQuality = match.quality();
                bestSpecificity = specificity;
                bestPosition = match.position();
            }
        }
        return Optional.ofNullable(best);
    }

    static List<Range> parse(String accept) {
        List<Range> ranges = new ArrayList<>();
        if (accept == null) {
            return ranges;
        }
        int position = 0;
        for (String element : accept.split(",")) {
            String[] parameters = element.split(";");
            String[] mediaRange = parameters[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
            if (mediaRange.length != 2 || !isToken(mediaRange[0]) || !isToken(mediaRange[1])
                    || (mediaRange[0].equals("*") && !mediaRange[1].equals("*"))) {
                continue;
            }
            double quality = 1;
            boolean readable = true;
            for (int i = 1; i < parameters.length; i++) {
                String[] parameter = parameters[i].trim().split("=", 2);
                if (parameter[0].trim().equalsIgnoreCase("q")) {
                    quality = parameter.length == 2 ? quality(parameter[1].trim()) : Double.NaN;
                    readable = !Double.isNaN(quality);
                }
            }
            if (readable) {
                ranges.add(new Range(mediaRange[0], mediaRange[1], quality, position++));
            }
        }
        return ranges;
    }

    /** A qvalue ({@code 0} to {@code 1} with up to three decimals), or NaN if it is none. */
    private static double quality(String value) {
        if (!value.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
            return Double.NaN;
        }
        return Double.parseDouble(value);
    }

    private static boolean isToken(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }
}
