package de.fachplan.api.common.problem;

/** One invalid member of a request: a JSON pointer (or {@code #/query/name}) and what is wrong. */
public record FieldError(String pointer, String detail) {
}
