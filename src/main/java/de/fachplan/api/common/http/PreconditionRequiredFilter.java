package de.fachplan.api.common.http;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;

/**
 * The contract marks If-Match as required on PUT, PATCH, DELETE and the POST of a value's
 * correction, which bean validation would answer with a 400; the conventions want 428. A PUT that
 * creates sends {@code If-None-Match: *} instead. A malformed If-Match is a 400 that shows the
 * expected form, on whatever operation it is sent. This runs after routing and before validation.
 */
public class PreconditionRequiredFilter {

    @ServerRequestFilter
    public Response requireIfMatch(ContainerRequestContext request) {
        String method = request.getMethod();
        String given = request.getHeaderString("If-Match");
        if (!ETags.isWellFormedIfMatch(given)) {
            return Problems.response(ProblemType.MALFORMED_REQUEST, "Malformed If-Match. " + ETags.EXPECTED_FORM,
                    request.getUriInfo().getRequestUri().getRawPath(),
                    List.of(new FieldError("#/header/If-Match", ETags.EXPECTED_FORM)));
        }
        // A correction of an indicator value is a POST that changes the value it is posted to.
        boolean changingPost = "POST".equals(method) && request.getUriInfo().getPath().endsWith("/revisions");
        if (!"PATCH".equals(method) && !"DELETE".equals(method) && !"PUT".equals(method) && !changingPost) {
            return null;
        }
        String ifMatch = request.getHeaderString("If-Match");
        if (ifMatch != null && !ifMatch.isBlank()) {
            return null;
        }
        String ifNoneMatch = request.getHeaderString("If-None-Match");
        if ("PUT".equals(method) && ifNoneMatch != null && ifNoneMatch.trim().equals("*")) {
            return null;
        }
        return Problems.response(ProblemType.PRECONDITION_REQUIRED,
                "Send the resource's ETag in If-Match; read it with GET first.",
                request.getUriInfo().getRequestUri().getRawPath(), List.of());
    }
}
