package de.fachplan.api.common.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read operation whose JSON representation depends only on the request, the caller's
 * {@link de.fachplan.api.common.security.ReadScope} and data whose writes notify (changeset 012):
 * {@link RepresentationCache} keeps what it renders and answers repeated and conditional requests
 * from memory. Not for operations that read the clock or data left out of the notifications.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CachedRepresentation {
}
