package de.fachplan.api.common.csv;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV after RFC 4180 onto a stream, one record at a time, so that an export of any length
 * needs memory for one record only: comma separated, CRLF line ends, UTF-8 without byte order
 * mark, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled). A {@code null}
 * field is written empty.
 */
public final class CsvWriter implements Flushable {

    /** The media type of what this writer produces. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private final Writer out;

    public CsvWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Writes one record; each value's {@code toString()}, nothing for {@code null}. */
    public void record(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object field = fields.get(i);
            if (field != null) {
                field(field.toString());
            }
        }
        out.write("\r\n");
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
