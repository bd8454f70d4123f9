package de.fachplan.api.common.csv;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.Collectors;

/**
 * CSV that PostgreSQL writes itself ({@code COPY (query) TO STDOUT (FORMAT csv)}) under the rules
 * of {@link CsvWriter}, for exports too long to pass through Java values: the database sends the
 * finished bytes and the service only copies them. COPY quotes a field as the writer does (when it
 * holds a comma, a quote, CR or LF, quotes doubled) and writes {@code NULL} as nothing; what
 * differs is done here: {@link #column} writes an empty text as nothing and neutralises formulas
 * in SQL, and {@link #crlf} ends the records with CRLF instead of LF. The one byte-level difference
 * left is a field that is exactly {@code \.}, which COPY quotes; it reads back the same.
 */
public final class DatabaseCsv {

    /** The first characters of a formula, as their codes for SQL's {@code ascii()}: {@code 61, 43, ...}. */
    private static final String FORMULA_STARTS = CsvWriter.FORMULA_STARTS.chars().mapToObj(Integer::toString)
            .collect(Collectors.joining(", "));

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
        // ascii() reads the first character's code without making a new text for each field (as
        // left() would); it is 0 for an empty text.
        return "CASE WHEN ascii(" + value + ") IN (" + FORMULA_STARTS + ") THEN '''' || " + value + " WHEN ascii("
                + value + ") = 0 THEN NULL ELSE " + value + " END";
    }

    /** The COPY statement that writes the rows of {@code select} as CSV without a header. */
    public static String copy(String select) {
        return "COPY (" + select + ") TO STDOUT (FORMAT csv)";
    }

    /**
     * Passes COPY's CSV on with CRLF at the end of each record. A line break inside a quoted field
     * is part of the value and stays as it is; quotes inside a field come doubled, so counting
     * them tells inside from outside.
     */
    public static OutputStream crlf(OutputStream out) {
        return new FilterOutputStream(out) {
            private boolean quoted;

            @Override
            public void write(int b) throws IOException {
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    out.write('\r');
                }
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int from = offset;
                int end = offset + length;
                for (int i = offset; i < end; i++) {
                    byte b = bytes[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        out.write(bytes, from, i - from);
                        out.write('\r');
                        from = i;
                    }
                }
                out.write(bytes, from, end - from);
            }
        };
    }
}
