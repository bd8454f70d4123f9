package de.fachplan.api.common.problem;

import java.util.List;

/** A failure that the client caused or must know about; it becomes an RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException badRequest(String pointer, String detail) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, detail, List.of(new FieldError(pointer, detail)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).pointer() + ": " + errors.get(0).detail()
                : "The request has " + errors.size() + " invalid members.";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
    }
}
