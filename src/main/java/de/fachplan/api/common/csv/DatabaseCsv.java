package de.fachplan.api.common.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

import org.postgresql.copy.CopyOut;
import org.postgresql.jdbc.PgConnection;

/**
 * CSV that PostgreSQL writes itself ({@code COPY (query) TO STDOUT (FORMAT csv)}) under the rules
 * of {@link CsvWriter}, for exports too long to pass through Java values: the database sends the
 * finished bytes and the service only copies them. COPY quotes a field as the writer does (when it
 * holds a comma, a quote, CR or LF, quotes doubled) and writes {@code NULL} as nothing; what
 * differs is done here: {@link #column} writes an empty text as nothing and neutralises formulas
 * in SQL, and {@link #write} ends the records with CRLF instead of LF. The one byte-level difference
 * left is a field that is exactly {@code \.}, which COPY quotes; it reads back the same.
 */
public final class DatabaseCsv {

    /** The first characters of a formula, as their codes for SQL's {@code ascii()}: {@code 61, 43, ...}. */
    private static final String FORMULA_STARTS = CsvWriter.FORMULA_STARTS.chars().mapToObj(Integer::toString)
            .collect(Collectors.joining(", "));

    private static final byte[] CRLF = { '\r', '\n' };

    private DatabaseCsv() {
    }

    /**
     * The SQL that gives a column's field as {@link CsvWriter#record} writes it before quoting:
     * text neutralised (a leading apostrophe before a formula) and empty text as nothing, any
     * other value as it is: COPY writes it with its type's output function, which is also what a
     * cast to text gives (except for a boolean, written {@code t} or {@code f}), without making a
     * text of it first.
     */
    public static String column(String expression, boolean text) {
        if (!text) {
            return expression;
        }
        String value = "CAST(" + expression + " AS text)";
        // ascii() reads the first character's code once, without making a new text for each field
        // (as left() would); an empty text has code 0 and nullif() writes it as nothing.
        return "CASE WHEN ascii(" + value + ") IN (" + FORMULA_STARTS + ") THEN '''' || " + value + " ELSE nullif("
                + value + ", '') END";
    }

    /** The COPY statement that writes the rows of {@code select} as CSV without a header. */
    public static String copy(String select) {
        return "COPY (" + select + ") TO STDOUT (FORMAT csv)";
    }

    /**
     * Runs {@code copy} (see {@link #copy}) on {@code connection} and writes its rows to {@code out},
     * each ending with CRLF; returns how many there were. When the database or {@code out} fails
     * midway (a client that leaves), the connection is closed: a COPY stopped halfway leaves rows
     * and its end unread on the connection, and a cancel request may reach a later statement
     * instead, so the pool must not hand that connection out again. Closing it also ends the
     * statement in the database, which notices at its next row.
     */
    public static long write(Connection connection, String copy, OutputStream out) throws SQLException, IOException {
        PgConnection database = connection.unwrap(PgConnection.class);
        try {
            return write(database.getCopyAPI().copyOut(copy), out);
        } catch (IOException | SQLException | RuntimeException failure) {
            database.abort(Runnable::run);
            throw failure;
        }
    }

    /**
     * Copies the rows of a running COPY to {@code out}, each ending with CRLF. PostgreSQL sends
     * every row of a {@code COPY TO} as one message that ends with the record's LF (its protocol:
     * "always one per row"); a line break inside a quoted field comes before it. So each row is
     * passed on in bulk with CR put before its last byte, without looking at the other bytes.
     */
    static long write(CopyOut rows, OutputStream out) throws SQLException, IOException {
        byte[] row;
        while ((row = rows.readFromCopy()) != null) {
            out.write(row, 0, row.length - 1);
            out.write(CRLF);
        }
        return rows.getHandledRowCount();
    }
}
