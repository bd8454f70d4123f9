package de.fachplan.api.common.http;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;

/**
 * Content negotiation for every operation, decided once and before anything else looks at
 * {@code Accept}. The contract's media types for an operation's answers are its {@code @Produces}
 * (generated from the contract) without {@code application/problem+json}, which only errors use.
 * A read whose {@code Accept} names none of them gets a 406 problem; a change (POST, PUT, PATCH) is
 * carried out and answered in the operation's default type. Otherwise the request continues with
 * {@code Accept} set to exactly the chosen type. The framework, the read cache (whose key includes
 * {@code Accept}) and operations with a CSV variant then all see one unambiguous type: no success
 * answer is labelled problem+json, q-values count, and {@code text/*} reaches CSV.
 */
public class AcceptFilter {

    private final Map<Operation, List<String>> offered = new ConcurrentHashMap<>();

    private record Operation(Class<?> type, String method) {
    }

    /** Before the read cache ({@code RepresentationCacheFilter}, priority 1) builds its key. */
    @ServerRequestFilter(nonBlocking = true, priority = 0)
    public Response negotiate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || resource.getMethodName() == null) {
            return null;
        }
        List<String> types = offered.computeIfAbsent(new Operation(resource.getResourceClass(), resource.getMethodName()),
                o -> answerTypes(o, resource.parameterTypes()));
        if (types.isEmpty()) {
            return null;
        }
        Optional<String> chosen = AcceptNegotiation.choose(request.getHeaderString(HttpHeaders.ACCEPT), types);
        if (chosen.isEmpty() && !HttpMethod.GET.equals(request.getMethod())) {
            // RFC 9110 lets a server disregard Accept; a change is not refused for the type of its answer.
            chosen = Optional.of(types.get(0));
        }
        if (chosen.isEmpty()) {
            return Problems.response(ProblemType.NOT_ACCEPTABLE, "This resource is available as "
                    + String.join(" or ", types) + "; the Accept header names none of them.",
                    request.getUriInfo().getRequestUri().getRawPath(), List.of());
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, chosen.get());
        return null;
    }

    /** The {@code @Produces} of the operation as its generated interface declares it, errors' type left out. */
    private static List<String> answerTypes(Operation operation, Class<?>[] parameterTypes) {
        for (Class<?> contract : operation.type().getInterfaces()) {
            try {
                Method method = contract.getMethod(operation.method(), parameterTypes);
                Produces produces = method.getAnnotation(Produces.class);
                if (produces != null) {
                    return Arrays.stream(produces.value()).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                            .filter(type -> !type.equals(Problems.MEDIA_TYPE)).toList();
                }
            } catch (NoSuchMethodException e) {
                // declared by another of the class's interfaces
            }
        }
        return List.of();
    }
}
