package de.fachplan.api.common.problem;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import de.fachplan.api.generated.model.ProblemDto;
import de.fachplan.api.generated.model.ProblemErrorDto;

/** Builds problem+json responses; the one place that knows the wire shape of a problem. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    private Problems() {
    }

    public static ProblemDto body(ProblemType type, String detail, String instance, List<FieldError> errors) {
        ProblemDto problem = new ProblemDto();
        problem.setType(java.net.URI.create(type.uri()));
        problem.setTitle(type.title());
        problem.setStatus(type.status());
        problem.setDetail(detail);
        problem.setInstance(instance);
        if (!errors.isEmpty()) {
            problem.setErrors(errors.stream().map(e -> {
                ProblemErrorDto error = new ProblemErrorDto();
                error.setPointer(e.pointer());
                error.setDetail(e.detail());
                return error;
            }).toList());
        }
        return problem;
    }

    public static Response response(ProblemType type, String detail, String instance, List<FieldError> errors) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(PROBLEM_JSON)
                .entity(body(type, detail, instance, errors));
        if (type == ProblemType.UNAUTHORIZED) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }
}
