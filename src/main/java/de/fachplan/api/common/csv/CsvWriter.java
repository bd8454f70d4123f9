package de.fachplan.api.common.csv;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV after RFC 4180 onto a stream, one record at a time, so that an export of any length
 * needs memory for one record only: comma separated, CRLF line ends, UTF-8 without byte order
 * mark, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled). A {@code null}
 * field is written empty.
 *
 * <p>Text that a spreadsheet would run as a formula (it starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return; CWE-1236) is written with a leading apostrophe, OWASP's
 * rule for CSV injection: a partner's note {@code =HYPERLINK(...)} arrives as text. Numbers are
 * values, not text, and are written as they are, so {@code -3} stays a number.
 */
public final class CsvWriter implements Flushable {

    /** The media type of what this writer produces. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    /** What a formula starts with; {@link DatabaseCsv} neutralises the same in SQL. */
    static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;

    public CsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    }

    /**
     * Writes one record: numbers in plain notation, text neutralised, everything else by its
     * {@code toString()}, nothing for {@code null}.
     */
    public void record(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object field = fields.get(i);
            if (field instanceof BigDecimal number) {
                field(number.toPlainString());
            } else if (field instanceof CharSequence text) {
                field(neutralised(text.toString()));
            } else if (field != null) {
                field(field.toString());
            }
        }
        out.write("\r\n");
    }

    /** Text as a spreadsheet shows it, never runs it. */
    static String neutralised(String text) {
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    private void field(String value) throws IOException {
        if (!needsQuotes(value)) {
            out.write(value);
            return;
        }
        out.write('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.write('"');
            }
            out.write(c);
        }
        out.write('"');
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
