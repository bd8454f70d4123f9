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
 * The id that ties a request to its log lines and audit events: always one the service makes, so
 * that no client can give its request the id of another one in the audit trail. A client's own
 * {@code X-Request-Id}, if it is a sane token, is kept beside it (audit events'
 * {@code clientRequestId}, MDC key {@value #CLIENT_MDC_KEY}). Every response carries the service's
 * id in {@code X-Request-Id}, and every log line written while serving the request carries it (MDC
 * key {@value #MDC_KEY}).
 */
@RequestScoped
public class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String CLIENT_MDC_KEY = "clientRequestId";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private String value;
    private String clientValue;

    public String value() {
        return value;
    }

    /** The client's {@code X-Request-Id}; {@code null} when it sent none or one that is no token. */
    public String clientValue() {
        return clientValue;
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
        value = UUID.randomUUID().toString().replace("-", "");
        MDC.put(MDC_KEY, value);
        String given = request.getHeaderString(HEADER);
        if (given != null && TOKEN.matcher(given).matches()) {
            clientValue = given;
            MDC.put(CLIENT_MDC_KEY, given);
        } else {
            MDC.remove(CLIENT_MDC_KEY);
        }
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (value != null) {
            response.getHeaders().putSingle(HEADER, value);
        }
    }
}
