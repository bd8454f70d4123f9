package de.fachplan.api.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyOut;

import de.fachplan.api.common.problem.ProblemException;

/** The writer's output read back by Apache Commons CSV, and the reader on the same text. */
class CsvTest {

    private static final List<List<String>> RECORDS = List.of(
            List.of("id", "note", "value"),
            List.of("1", "plain", "12.5"),
            List.of("2", "Komma, \"Zitat\" und ä", ""),
            List.of("3", "zwei\r\nZeilen", "0"),
            List.of("4", "", "\""));

    private static String written() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(out);
        for (List<String> record : RECORDS) {
            writer.record(record);
        }
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void whatTheWriterWritesACsvParserReadsBackUnchanged() throws Exception {
        List<List<String>> parsed = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(written()))) {
            parsed.add(record.toList());
        }
        assertEquals(RECORDS, parsed);
    }

    @Test
    void theReaderReadsWhatTheWriterWritesWithRowNumbers() throws Exception {
        CsvReader reader = new CsvReader(new StringReader(written()));
        List<List<String>> read = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            read.add(record);
        }
        assertEquals(RECORDS, read);
        assertEquals(5, reader.row());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsMalformedAndNamesItsRow() throws Exception {
        CsvReader reader = new CsvReader(new StringReader("a,b\nc,d\"e\n"));
        reader.next();
        ProblemException problem = assertThrows(ProblemException.class, reader::next);
        assertEquals("#/body/row/2", problem.errors().get(0).pointer());
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(out);
        writer.record(java.util.Arrays.asList("=HYPERLINK(\"http://x.invalid\",\"klick\")", "+1", "-2", "@SUM(A1)",
                "\tTab", "\rCR", "harmless = text", new java.math.BigDecimal("-3.50"), -4, null));
        writer.flush();
        List<String> cells = CSVFormat.RFC4180.parse(new StringReader(out.toString(StandardCharsets.UTF_8)))
                .getRecords().get(0).toList();
        assertEquals(List.of("'=HYPERLINK(\"http://x.invalid\",\"klick\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR",
                "harmless = text", "-3.50", "-4", ""), cells);
    }

    @Test
    void eachRowOfTheDatabaseEndsWithCrlfAndLineBreaksInsideQuotedFieldsStay() throws Exception {
        CopiedRows rows = new CopiedRows("1,\"zwei\nZeilen\",x\n", "2,\"\"\"\",\"a,\nb\"\n", "3,,\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(3, DatabaseCsv.write(rows, out));
        assertEquals("1,\"zwei\nZeilen\",x\r\n2,\"\"\"\",\"a,\nb\"\r\n3,,\r\n", out.toString(StandardCharsets.UTF_8));
    }

    /** The rows of a COPY as PostgreSQL sends them: one message per row, each ending with LF. */
    private static final class CopiedRows implements CopyOut {

        private final List<String> rows;
        private int read;

        CopiedRows(String... rows) {
            this.rows = List.of(rows);
        }

        @Override
        public byte[] readFromCopy() {
            return read < rows.size() ? rows.get(read++).getBytes(StandardCharsets.UTF_8) : null;
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 0;
        }

        @Override
        public int getFieldFormat(int field) {
            return 0;
        }

        @Override
        public boolean isActive() {
            return read < rows.size();
        }

        @Override
        public void cancelCopy() {
            throw new UnsupportedOperationException("the export closes the connection instead");
        }

        @Override
        public long getHandledRowCount() {
            return read;
        }
    }
}
