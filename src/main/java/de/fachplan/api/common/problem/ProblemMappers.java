package de.fachplan.api.common.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import de.fachplan.api.common.operations.DatabaseOutage;

/**
 * Turns every failure, the framework's included, into RFC 9457 problem+json. Nothing internal
 * (stack traces, SQL, class names) reaches the client; unexpected errors are logged with an id
 * that the client sees.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = Problems.response(e.type(), e.getMessage(), path(uri), e.errors());
        if (e.retryAfter() == null) {
            return response;
        }
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(response).header("Retry-After", Long.toString(seconds)).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        if (e instanceof NotFoundException && e.getCause() != null && pathParametersAreWellFormed(uri)) {
            // JAX-RS answers a query parameter that does not convert (limit=many) with 404; the only
            // typed path parameters here are UUIDs, so when those are fine it was the query.
            return Problems.response(ProblemType.MALFORMED_REQUEST,
                    "A query parameter has a value of the wrong type or format; see the contract.", path(uri),
                    List.of());
        }
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST;
        };
        if (type == ProblemType.INTERNAL_ERROR) {
            return unexpected(e, uri);
        }
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at " + path(uri) + ".";
            case METHOD_NOT_ALLOWED -> "This resource does not support that method.";
            case NOT_ACCEPTABLE -> "This resource is available as application/json.";
            case UNSUPPORTED_MEDIA_TYPE -> "This operation does not accept that media type; see the contract.";
            default -> "The request could not be processed.";
        };
        Response response = Problems.response(type, detail, path(uri), List.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
    }

    private Response json(JsonProcessingException e, UriInfo uri) {
        String pointer = e instanceof JsonMappingException mapping ? pointer(mapping.getPath()) : "";
        String detail;
        if (e instanceof MismatchedInputException missing
                && missing.getOriginalMessage().startsWith("Missing required creator property")) {
            // The generated models take required members in a creator; absent ones are a 422 as
            // with any other member the domain needs.
            return Problems.response(ProblemType.VALIDATION_FAILED, pointer + ": is required", path(uri),
                    List.of(new FieldError(pointer, "is required")));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "is not a member of this request; see the contract";
        } else if (e instanceof InvalidNullException) {
            detail = "must not be null";
        } else if (e instanceof InvalidFormatException format) {
            detail = "cannot read " + describe(format.getValue()) + " as " + simpleType(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            detail = "expected " + simpleType(mismatch.getTargetType());
        } else if (!pointer.isEmpty()) {
            detail = "has a value that is not allowed here; see the contract";
        } else {
            detail = "the body is not valid JSON";
        }
        List<FieldError> errors = List.of(new FieldError(pointer.isEmpty() ? "/" : pointer, detail));
        return Problems.response(ProblemType.MALFORMED_REQUEST,
                pointer.isEmpty() ? "The request body is not valid JSON." : pointer + ": " + detail, path(uri), errors);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> bodyErrors = new ArrayList<>();
        List<FieldError> parameterErrors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            BodyOrParameter location = locate(violation.getPropertyPath());
            (location.body ? bodyErrors : parameterErrors).add(new FieldError(location.pointer, violation.getMessage()));
        }
        if (!parameterErrors.isEmpty()) {
            parameterErrors.sort((a, b) -> a.pointer().compareTo(b.pointer()));
            String detail = parameterErrors.stream().map(f -> f.pointer() + " " + f.detail())
                    .collect(Collectors.joining("; "));
            return Problems.response(ProblemType.MALFORMED_REQUEST, "Invalid parameters: " + detail + ".", path(uri),
                    parameterErrors);
        }
        bodyErrors.sort((a, b) -> a.pointer().compareTo(b.pointer()));
        ProblemException problem = ProblemException.invalid(bodyErrors);
        return Problems.response(problem.type(), problem.getMessage(), path(uri), bodyErrors);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            // The API key could not be looked up: that says nothing about the key.
            return unexpected(e, uri);
        }
        return Problems.response(ProblemType.UNAUTHORIZED, "The bearer token is invalid, expired or revoked.",
                path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.response(ProblemType.UNAUTHORIZED,
                "This operation needs credentials: send Authorization: Bearer <API key or JWT>.", path(uri), List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(ProblemType.FORBIDDEN, "Your role does not allow this operation.", path(uri),
                List.of());
    }

    /**
     * A database that cannot be reached (503, retryable), concurrent changes, colliding writes and
     * values the database cannot hold, also when wrapped; anything else is a logged 500.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            // Expected while the database is down or fails over: no stack trace, one line per request.
            LOG.warnf("Database unreachable on %s: %s", path(uri), e.getClass().getSimpleName());
            return Response.fromResponse(Problems.response(ProblemType.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database at the moment; retry shortly.", path(uri), List.of()))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        return ProblemException.known(e).map(problem -> problem(problem, uri)).orElseGet(() -> {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Unexpected error %s on %s", errorId, path(uri));
            return Problems.response(ProblemType.INTERNAL_ERROR,
                    "An unexpected error occurred; it has been logged as " + errorId + ".", path(uri), List.of());
        });
    }

    private static boolean pathParametersAreWellFormed(UriInfo uri) {
        return uri.getPathParameters().entrySet().stream()
                .filter(p -> p.getKey().endsWith("Id"))
                .allMatch(p -> p.getValue().stream().allMatch(v -> de.fachplan.api.common.http.Refs.asUuid(v).isPresent()));
    }

    private record BodyOrParameter(boolean body, String pointer) {
    }

    private static BodyOrParameter locate(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder pointer = new StringBuilder();
        String parameter = null;
        boolean body = false;
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                body = true;
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    pointer.append('/').append(node.getName());
                }
                if (node.getIndex() != null) {
                    pointer.append('/').append(node.getIndex());
                }
            }
        }
        if (body) {
            return new BodyOrParameter(true, pointer.length() == 0 ? "/" : pointer.toString());
        }
        return new BodyOrParameter(false, parameterPointer(parameter));
    }

    private static String parameterPointer(String parameter) {
        if (parameter == null) {
            return "#";
        }
        if (parameter.endsWith("Create") || parameter.endsWith("Patch")) {
            return "/";
        }
        return switch (parameter) {
            case "ifMatch" -> "#/header/If-Match";
            case "ifNoneMatch" -> "#/header/If-None-Match";
            case "idempotencyKey" -> "#/header/Idempotency-Key";
            default -> parameter.endsWith("Ref") || parameter.endsWith("Id") ? "#/path/" + parameter
                    : "#/query/" + parameter;
        };
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\""
                : String.valueOf(value);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return type == java.time.LocalDate.class ? "a date (YYYY-MM-DD)" : "an RFC 3339 date-time";
        }
        return "an object";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
