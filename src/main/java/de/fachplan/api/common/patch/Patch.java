package de.fachplan.api.common.patch;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.openapitools.jackson.nullable.JsonNullable;

/**
 * One member of a change as a JSON merge patch (RFC 7396) asks for it: absent (leave it as it is),
 * cleared (an explicit {@code null}) or set to a value. Every change object of the service uses
 * this type for members that can be cleared, so that "not sent" and "sent as null" cannot be
 * confused anywhere; members that cannot be cleared stay plain nullable values.
 */
public final class Patch<T> {

    private static final Patch<?> ABSENT = new Patch<>(false, null);
    private static final Patch<?> CLEAR = new Patch<>(true, null);

    private final boolean present;
    private final T value;

    private Patch(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> clear() {
        return (Patch<T>) CLEAR;
    }

    /** Set to {@code value}; a {@code null} value clears. */
    public static <T> Patch<T> set(T value) {
        return value == null ? clear() : new Patch<>(true, value);
    }

    /** A member that a create request may leave out: left out is absent, not cleared. */
    public static <T> Patch<T> ofNullable(T value) {
        return value == null ? absent() : set(value);
    }

    /** The member as the generated model read it: absent, {@code null} or a value. */
    public static <T> Patch<T> of(JsonNullable<T> member) {
        return member == null || !member.isPresent() ? absent() : set(member.get());
    }

    public boolean isAbsent() {
        return !present;
    }

    /** Whether the change sets this member, to a value or to nothing. */
    public boolean isPresent() {
        return present;
    }

    /** The new value, {@code null} when cleared; only for a member the change sets. */
    public T value() {
        if (!present) {
            throw new IllegalStateException("The change does not set this member.");
        }
        return value;
    }

    /** The value the member has after the change, given the value it has now. */
    public T applyTo(T current) {
        return present ? value : current;
    }

    /** Hands the new value ({@code null} when cleared) to {@code action} if the change sets the member. */
    public void ifPresent(Consumer<? super T> action) {
        if (present) {
            action.accept(value);
        }
    }

    /** Hands the new value to {@code action} only if the change sets the member to a value. */
    public void ifSet(Consumer<? super T> action) {
        if (value != null) {
            action.accept(value);
        }
    }

    /** The same request for a value of another type; absent and cleared stay as they are. */
    public <R> Patch<R> map(Function<? super T, ? extends R> mapping) {
        return value == null ? this.<R>cast() : set(mapping.apply(value));
    }

    @SuppressWarnings("unchecked")
    private <R> Patch<R> cast() {
        return (Patch<R>) this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> patch && present == patch.present && Objects.equals(value, patch.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, value);
    }

    @Override
    public String toString() {
        return !present ? "Patch.absent" : value == null ? "Patch.clear" : "Patch.set(" + value + ")";
    }
}
