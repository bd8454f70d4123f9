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
    void fieldsWrittenFromDatabaseBytesAreExactlyWhatTheRecordWriterWrites() throws Exception {
        List<String> texts = List.of("plain", "Komma, \"Zitat\" und ä", "zwei\r\nZeilen", "", "\"", "=SUM(A1)",
                "-2, with a comma", "\tTab", "harmless = text", "ß€");
        for (String text : texts) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            CsvWriter writer = new CsvWriter(expected);
            writer.record(List.of(text));
            writer.flush();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            CsvWriter.field(actual, text.getBytes(StandardCharsets.UTF_8), true);
            actual.write(new byte[] { '\r', '\n' });
            assertEquals(expected.toString(StandardCharsets.UTF_8), actual.toString(StandardCharsets.UTF_8), text);
        }
        ByteArrayOutputStream number = new ByteArrayOutputStream();
        CsvWriter.field(number, "-3.5".getBytes(StandardCharsets.US_ASCII), false);
        CsvWriter.field(number, null, true);
        assertEquals("-3.5", number.toString(StandardCharsets.US_ASCII));
    }
}
