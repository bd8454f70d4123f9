package de.fachplan.api.common.problem;

/** The problem types of the contract (components.schemas.Problem); each has one HTTP status. */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", 400),
    UNAUTHORIZED("unauthorized", "Unauthorized", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    ILLEGAL_STATUS_TRANSITION("illegal-status-transition", "Illegal status transition", 409),
    REQUEST_IN_PROGRESS("request-in-progress", "Request in progress", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    VALIDATION_FAILED("validation-failed", "Validation failed", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", 422),
    IMPLAUSIBLE_FIGURES("implausible-figures", "Implausible figures", 422),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    /** An item of an all-or-nothing batch that was valid but not written because another one failed. */
    NOT_WRITTEN("not-written", "Not written", 424);

    private final String uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = "urn:fachplan:problem:" + slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
