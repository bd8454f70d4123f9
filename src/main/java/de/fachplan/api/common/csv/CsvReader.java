package de.fachplan.api.common.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import de.fachplan.api.common.problem.ProblemException;

/**
 * Reads CSV after RFC 4180, one record at a time: comma separated, fields optionally in double
 * quotes (quotes doubled inside, line breaks allowed), CRLF or LF line ends. A malformed record is
 * a 400 naming its row (the first record is row 1).
 */
public final class CsvReader {

    private final Reader in;
    private int row;
    private int next = -2;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** The number of the record last read. */
    public int row() {
        return row;
    }

    /** The next record, or {@code null} at the end. */
    public List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        row++;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw malformed("a quoted field is not closed");
                }
                if (c == '"') {
                    int after = read();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = after;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == ',' ) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        next = after;
                    }
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw malformed("a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else {
                if (wasQuoted) {
                    throw malformed("text after a closing quote");
                }
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (next != -2) {
            int c = next;
            next = -2;
            return c;
        }
        return in.read();
    }

    private ProblemException malformed(String what) {
        return ProblemException.badRequest("#/body/row/" + row, "row " + row + " is not valid CSV: " + what);
    }
}
