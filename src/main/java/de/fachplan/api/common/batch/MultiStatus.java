package de.fachplan.api.common.batch;

/**
 * The answer of a 207 batch and whether it replays the one stored under its idempotency key;
 * {@code Responses.multiStatus} makes the response of it.
 */
public record MultiStatus<A>(A answer, boolean replayed) {
}
