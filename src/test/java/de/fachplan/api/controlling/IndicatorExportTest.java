package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.controller;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.controlling.values.ValueRow;

/** The value list as JSON and as streamed CSV, its filters, and deltas by change-feed position. */
@QuarkusTest
@Tag("integration")
class IndicatorExportTest {

    private static String yearly;
    private static String monthly;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void setUp() {
        if (yearly != null) {
            return;
        }
        yearly = ControllingFixtures.indicator("\"unit\":\"EUR\",\"direction\":\"LOWER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        monthly = ControllingFixtures.indicator("\"unit\":\"PERCENT\",\"direction\":\"TARGET_RANGE\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"W\"");
        report(yearly, "2020", null, "1234.5", "Zählung \\\"vor Ort\\\", ohne Telefonberatung");
        report(yearly, "2019", null, "1000", "zwei\\nZeilen");
        report(yearly, "2020", "PROHLIS", "200.25", null);
        report(yearly, "2020", "COTTA", "300", "ä, ö, ü, ß");
        for (int month = 1; month <= 12; month++) {
            report(monthly, String.format("2021-%02d", month), null, String.valueOf(60 + month), null);
        }
    }

    private static String report(String indicator, String period, String district, String value, String note) {
        return controller().contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + indicator + "\",\"period\":\"" + period + "\",\"value\":" + value
                        + (district == null ? "" : ",\"district\":\"" + district + "\"")
                        + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}")
                .post("/api/v1/indicator-values").then().statusCode(201).extract().path("id");
    }

    private static List<CSVRecord> csv(Map<String, ?> query) throws Exception {
        Response response = controller().accept("text/csv").queryParams(query).get("/api/v1/indicator-values");
        response.then().statusCode(200).contentType(startsWith("text/csv"));
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.asString())).getRecords();
    }

    private static List<Map<String, Object>> json(Map<String, ?> query) {
        return json(query, 5, new ArrayList<>());
    }

    /** Every page of the list with pages of {@code limit}; collects each page's X-Changes-Cursor. */
    private static List<Map<String, Object>> json(Map<String, ?> query, int limit, List<String> changesCursors) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = controller().queryParams(query).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/indicator-values").then().statusCode(200).extract();
            changesCursors.add(page.header("X-Changes-Cursor"));
            items.addAll(page.path("items"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return items;
    }

    @Test
    void theCsvExportHoldsTheSameRowsInTheSameOrderAsTheJsonList() throws Exception {
        for (String indicator : List.of(yearly, monthly)) {
            Map<String, String> query = Map.of("indicator", indicator);
            List<Map<String, Object>> items = json(query);
            List<CSVRecord> records = csv(query);
            assertEquals(items.size(), records.size());
            assertTrue(records.size() >= 4);
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> item = items.get(i);
                CSVRecord record = records.get(i);
                for (String column : ValueRow.CSV_HEADER) {
                    Object expected = item.get(column);
                    String actual = record.get(column);
                    if (expected instanceof Number number) {
                        assertEquals(0, new BigDecimal(number.toString()).compareTo(new BigDecimal(actual)), column);
                    } else {
                        assertEquals(expected == null ? "" : Objects.toString(expected), actual, column + " of row " + i);
                    }
                }
            }
        }
        List<CSVRecord> yearlyRows = csv(Map.of("indicator", yearly));
        assertEquals(List.of("2019", "2020", "2020", "2020"), yearlyRows.stream().map(r -> r.get("period")).toList());
        assertEquals(List.of("", "", "COTTA", "PROHLIS"), yearlyRows.stream().map(r -> r.get("district")).toList());
        assertEquals("zwei\nZeilen", yearlyRows.get(0).get("note"));
        assertEquals("Zählung \"vor Ort\", ohne Telefonberatung", yearlyRows.get(1).get("note"));
    }

    @Test
    void eachCsvFieldIsWrittenAsTheCsvWriterWritesItWithCrlfAfterEachRecord() throws Exception {
        String indicator = ControllingFixtures.indicator("\"unit\":\"EUR\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        List<String> notes = List.of("=SUM(A1)", "-2, mit Komma", "zwei\\nZeilen, \\\"zitiert\\\"", "@Gruppe");
        for (int i = 0; i < notes.size(); i++) {
            report(indicator, String.valueOf(2010 + i), null, i + ".50", notes.get(i));
        }
        String body = controller().accept("text/csv").queryParam("indicator", indicator).get("/api/v1/indicator-values")
                .then().statusCode(200).extract().asString();
        List<Map<String, Object>> items = json(Map.of("indicator", indicator));
        StringBuilder expected = new StringBuilder(String.join(",", ValueRow.CSV_HEADER)).append("\r\n");
        for (Map<String, Object> item : items) {
            List<Object> fields = new ArrayList<>();
            for (String column : ValueRow.CSV_HEADER) {
                Object value = item.get(column);
                fields.add(value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros()
                        : value instanceof Boolean ? value.toString() : value);
            }
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            CsvWriter writer = new CsvWriter(record);
            writer.record(fields);
            writer.flush();
            expected.append(record.toString(StandardCharsets.UTF_8));
        }
        assertEquals(4, items.size());
        assertEquals(expected.toString(), body);
    }

    @Test
    void filtersNarrowJsonAndCsvAlike() throws Exception {
        Map<String, String> range = Map.of("indicator", monthly, "periodFrom", "2021-Q2", "periodTo", "2021-08");
        assertEquals(List.of("2021-04", "2021-05", "2021-06", "2021-07", "2021-08"),
                csv(range).stream().map(r -> r.get("period")).toList());
        assertEquals(5, json(range).size());
        assertEquals(2, csv(Map.of("indicator", yearly, "district", "CITY")).size());
        assertEquals(1, csv(Map.of("indicator", yearly, "district", "COTTA")).size());
        assertEquals(0, csv(Map.of("indicator", yearly, "state", "APPROVED")).size());
        assertEquals(4, csv(Map.of("indicator", yearly, "state", "DRAFT")).size());
        assertEquals(0, csv(Map.of("indicator", yearly, "modifiedSince", "2999-01-01T00:00:00Z")).size());
    }

    @Test
    void aDeltaHoldsExactlyTheValuesChangedSinceIncludingCorrectionsAndTombstones() throws Exception {
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        String unchanged = report(indicator, "2019", null, "1", null);
        String approved = report(indicator, "2020", null, "2", null);
        String withdrawn = report(indicator, "2021", null, "3", null);
        approve(approved);
        String since = controller().queryParam("indicator", indicator).get("/api/v1/indicator-values").then()
                .statusCode(200).extract().header("X-Changes-Cursor");

        controller().contentType(ContentType.JSON).header("If-Match", etag(approved))
                .body("{\"value\":4,\"reason\":\"Korrektur\"}")
                .post("/api/v1/indicator-values/" + approved + "/revisions").then().statusCode(201);
        controller().header("If-Match", etag(withdrawn)).delete("/api/v1/indicator-values/" + withdrawn).then()
                .statusCode(204);
        String added = report(indicator, "2022", null, "5", null);

        Map<String, String> delta = Map.of("indicator", indicator, "changedAfter", since);
        controller().queryParams(delta).get("/api/v1/indicator-values").then().statusCode(200)
                .body("items.id", containsInAnyOrder(approved, withdrawn, added));
        List<String> upperEnds = new ArrayList<>();
        assertEquals(List.of(approved, withdrawn, added),
                json(delta, 1, upperEnds).stream().map(item -> item.get("id")).toList());
        assertEquals(1, upperEnds.stream().distinct().count(), "the pages of one delta share its upper end");
        List<CSVRecord> rows = csv(delta);
        assertEquals(List.of(approved, withdrawn, added), rows.stream().map(r -> r.get("id")).toList());
        assertEquals("2", rows.get(0).get("revision"));
        assertEquals("true", rows.get(1).get("deleted"));
        assertEquals("WITHDRAWN", rows.get(1).get("state"));
        assertFalse(rows.stream().anyMatch(r -> r.get("id").equals(unchanged)));

        String next = controller().accept("text/csv").queryParams(delta).get("/api/v1/indicator-values").then()
                .extract().header("X-Changes-Cursor");
        controller().queryParam("indicator", indicator).queryParam("changedAfter", next)
                .get("/api/v1/indicator-values").then().statusCode(200).body("items", empty());
    }

    @Test
    void aDeltaDoesNotPassAWriteWhileAnEarlierTransactionIsStillOpen() throws Exception {
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        String since = controller().get("/api/v1/indicator-values").then().extract().header("X-Changes-Cursor");
        String late;
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            // This transaction takes its id now and stays open, like a slow write that commits late.
            open.createStatement().execute("SELECT pg_current_xact_id()");
            late = report(indicator, "2020", null, "7", null);
            List<CSVRecord> whileOpen = csv(Map.of("indicator", indicator, "changedAfter", since));
            assertTrue(whileOpen.isEmpty(), "a change behind an open transaction is not final yet");
            String cursorWhileOpen = controller().queryParam("changedAfter", since).get("/api/v1/indicator-values")
                    .then().extract().header("X-Changes-Cursor");
            open.rollback();
            since = cursorWhileOpen;
        }
        assertEquals(List.of(late), csv(Map.of("indicator", indicator, "changedAfter", since)).stream()
                .map(r -> r.get("id")).toList());
    }

    @Test
    void aCursorThatIsNoFeedPositionIsABadRequest() {
        de.fachplan.api.support.Api.invalid(controller()).queryParam("changedAfter", "not-a-cursor")
                .get("/api/v1/indicator-values").then().statusCode(400);
    }

    private static void approve(String id) {
        controller().contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"SUBMITTED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200);
        controller().contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200);
    }

    private static String etag(String id) {
        return controller().get("/api/v1/indicator-values/" + id).then().statusCode(200).extract().header("ETag");
    }
}
