package de.fachplan.api.common.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of native query rows in the types the representations use. The driver and the ORM
 * hand out dates, instants and arrays in several types depending on version and context; reading
 * them here keeps that knowledge out of every mapper.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** Text; the ORM reads a one-character column as a {@code Character}. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public static LocalDate localDate(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + value.getClass());
    }

    /** An instant as the contract writes times: in UTC. */
    public static OffsetDateTime utc(Object value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        if (value instanceof OffsetDateTime time) {
            instant = time.toInstant();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            instant = timestamp.toInstant();
        } else if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof java.time.ZonedDateTime time) {
            instant = time.toInstant();
        } else {
            throw new IllegalArgumentException("not an instant: " + value.getClass());
        }
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A text array as a mutable list, in the array's order; SQL NULL as an empty list. */
    public static List<String> strings(Object value) {
        Object[] elements;
        if (value == null) {
            return new ArrayList<>();
        } else if (value instanceof Object[] array) {
            elements = array;
        } else if (value instanceof java.sql.Array array) {
            try {
                elements = (Object[]) array.getArray();
            } catch (SQLException e) {
                throw new IllegalStateException("array could not be read", e);
            }
        } else {
            throw new IllegalArgumentException("not an array: " + value.getClass());
        }
        List<String> strings = new ArrayList<>(elements.length);
        for (Object element : elements) {
            strings.add(String.valueOf(element));
        }
        return strings;
    }
}
