package de.fachplan.api.common.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.stream.Collectors;

import org.postgresql.copy.CopyOut;

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
     * other value as the database's text of it.
     */
    public static String column(String expression, boolean text) {
        String value = "CAST(" + expression + " AS text)";
        if (!text) {
            return value;
        }
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
     * Copies the rows of a running COPY to {@code out}, each ending with CRLF, and returns how many
     * there were. PostgreSQL sends every row of a {@code COPY TO} as one message that ends with the
     * record's LF (its protocol: "always one per row"); a line break inside a quoted field comes
     * before it. So each row is passed on in bulk with CR put before its last byte, without looking
     * at the other bytes. A failure (of the database or of {@code out}) cancels the COPY, which
     * leaves the connection usable.
     */
    public static long write(CopyOut rows, OutputStream out) throws SQLException, IOException {
        try {
            byte[] row;
            while ((row = rows.readFromCopy()) != null) {
                out.write(row, 0, row.length - 1);
                out.write(CRLF);
            }
            return rows.getHandledRowCount();
        } finally {
            if (rows.isActive()) {
                rows.cancelCopy();
            }
        }
    }
}
