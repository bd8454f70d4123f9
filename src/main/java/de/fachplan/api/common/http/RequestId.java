package de.fachplan.api.common.http;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The id that ties a request to its log lines and audit events: the client's {@code X-Request-Id}
 * if it is a sane token, else the trace id of a W3C {@code traceparent}, else a new one. Every
 * response echoes it, and every log line written while serving the request carries it (MDC key
 * {@value #MDC_KEY}).
 */
@RequestScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

    private String value;

    public String value() {
        return value;
    }

    /**
     * Work that runs later on behalf of a request (an import job) carries that request's id, so
     * that its audit events and log lines lead back to the request that started it.
     */
    public void adopt(String requestId) {
        value = requestId;
        if (requestId != null) {
            MDC.put(MDC_KEY, requestId);
        }
    }

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void read(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        if (given != null && TOKEN.matcher(given).matches()) {
            value = given;
        } else {
            String traceparent = request.getHeaderString("traceparent");
            var trace = traceparent == null ? null : TRACEPARENT.matcher(traceparent.trim());
            value = trace != null && trace.matches() ? trace.group(1) : UUID.randomUUID().toString().replace("-", "");
        }
        MDC.put(MDC_KEY, value);
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (value != null) {
            response.getHeaders().putSingle(HEADER, value);
        }
    }
}
