package de.fachplan.api.common.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation with an unsafe method that writes nothing (a computation sent as POST, such
 * as the capacity what-if), so that its requests do not empty the read cache of this replica.
 * Unmarked unsafe requests always count as writes: forgetting the mark costs cache hits, never
 * correctness.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangesNothing {
}
