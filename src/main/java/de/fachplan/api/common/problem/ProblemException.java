package de.fachplan.api.common.problem;

import java.util.List;

/** A failure that the client caused or must know about; it becomes an RFC 9457 problem. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final java.time.Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        this(type, detail, errors, null);
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors, java.time.Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A used-up quota: 429, and when to try again ({@code Retry-After}, whole seconds, at least one). */
    public static ProblemException tooManyRequests(String detail, java.time.Duration retryAfter) {
        return new ProblemException(ProblemType.TOO_MANY_REQUESTS, detail, List.of(), retryAfter);
    }

    /** What {@code Retry-After} says, or {@code null} when the answer carries none. */
    public java.time.Duration retryAfter() {
        return retryAfter;
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

    /**
     * The problem a failure stands for, if it is one the client can act on: a problem raised by
     * the service, a concurrent change, a write that collided with another, or a value the
     * database cannot hold. Looks through wrapping exceptions (transactions wrap their causes).
     */
    public static java.util.Optional<ProblemException> known(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return java.util.Optional.of(problem);
            }
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                return java.util.Optional.of(new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "The resource was changed by another request at the same time; read it again and retry."));
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException) {
                return java.util.Optional.of(conflict(
                        "The change conflicts with data written at the same time; read the current state and retry."));
            }
            if (cause instanceof org.hibernate.exception.DataException) {
                return java.util.Optional.of(new ProblemException(ProblemType.VALIDATION_FAILED,
                        "A value is too long or out of range for what the service stores; see the contract's limits."));
            }
        }
        return java.util.Optional.empty();
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).pointer() + ": " + errors.get(0).detail()
                : "The request has " + errors.size() + " invalid members.";
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
    }
}
