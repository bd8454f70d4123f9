package de.fachplan.api.common.problem;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks for the members bean validation cannot see: the generated models hold clearable
 * merge-patch members in a {@code JsonNullable} and carry no constraints on them, so the services
 * check those against the contract's limits themselves.
 */
public final class FieldChecks {

    private static final Pattern HTTP_URL = Pattern.compile("^https?://\\S+$");

    private FieldChecks() {
    }

    public static void length(List<FieldError> errors, String pointer, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            errors.add(new FieldError(pointer, "must be between " + min + " and " + max + " characters long"));
        }
    }

    public static void range(List<FieldError> errors, String pointer, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(pointer, "must be between " + min + " and " + max));
        }
    }

    /** Whether a list keeps to its size limit; records the error when it does not. */
    public static boolean size(List<FieldError> errors, String pointer, List<?> list, int max) {
        if (list != null && list.size() > max) {
            errors.add(new FieldError(pointer, "must have at most " + max + " items"));
            return false;
        }
        return true;
    }

    public static void httpUrl(List<FieldError> errors, String pointer, String value, int max) {
        length(errors, pointer, value, 1, max);
        if (value != null && !HTTP_URL.matcher(value).matches()) {
            errors.add(new FieldError(pointer, "must be an http or https URL"));
        }
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
