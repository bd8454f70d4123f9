package de.fachplan.api.common.batch;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.idempotency.Idempotency;

/** The answer of a 207 batch and whether it replays the one stored under its idempotency key. */
public record MultiStatus<A>(A answer, boolean replayed) {

    /** The {@code 207 Multi-Status} response, marked as a replay where it is one. */
    public RestResponse<A> response() {
        RestResponse.ResponseBuilder<A> response = RestResponse.ResponseBuilder.<A>create(207).entity(answer);
        if (replayed) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
