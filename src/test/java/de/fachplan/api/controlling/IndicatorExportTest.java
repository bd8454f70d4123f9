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
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.controlling.values.ValueRow;
import de.fachplan.api.support.Api;
import de.fachplan.api.support.Polling;

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

    private static List<Map<String, Object>> json(Map<String, ?> query, int limit, List<String> changesCursors) {
        return json(Api::controller, query, limit, changesCursors);
    }

    /** Every page of the list for {@code caller} with pages of {@code limit}; collects each page's X-Changes-Cursor. */
    private static List<Map<String, Object>> json(Supplier<RequestSpecification> caller, Map<String, ?> query, int limit,
            List<String> changesCursors) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = caller.get().queryParams(query).queryParam("limit", limit);
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
        String expected = csvOf(items);
        assertEquals(4, items.size());
        assertEquals(expected, body);
    }

    /** What {@link CsvWriter} writes for the JSON list's items, header first. */
    private static String csvOf(List<Map<String, Object>> items) throws IOException {
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
        return expected.toString();
    }

    /** Indicators of action field C that {@code organisation} reports, {@code frequency} YEARLY or MONTHLY. */
    private static List<String> indicatorsOf(String organisation, int count, String frequency) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            codes.add(ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\""
                    + frequency + "\",\"actionField\":\"C\",\"reportingOrganisation\":\"" + organisation + "\""));
        }
        return codes;
    }

    @Test
    void anExportOverSeveralIndicatorsEqualsTheJsonListByteForByteAndShowsAPartnerOnlyItsOwnValues() throws Exception {
        String organisation = Api.organisation("Exportpartner");
        String partner = Api.partnerKey(organisation);
        List<String> own = indicatorsOf(organisation, 3, "YEARLY");
        for (int i = 0; i < own.size(); i++) {
            for (int year = 2015; year <= 2017; year++) {
                report(own.get(i), String.valueOf(year), year == 2016 ? "COTTA" : null, String.valueOf(year - 2000 + i),
                        i == 1 ? "=Formel, mit \\\"Komma\\\"" : null);
            }
            report(own.get(i), "2016", "PROHLIS", "7", null);
        }
        String foreign = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        report(foreign, "2015", null, "1", null);

        String body = Api.as(partner).accept("text/csv").get("/api/v1/indicator-values").then().statusCode(200)
                .extract().asString();
        List<Map<String, Object>> items = json(() -> Api.as(partner), Map.of(), 5, new ArrayList<>());
        assertEquals(12, items.size());
        assertEquals(own.stream().sorted().toList(), items.stream().map(item -> item.get("indicator")).distinct().toList());
        assertEquals(csvOf(items), body);

        String all = controller().accept("text/csv").queryParam("actionField", "C").get("/api/v1/indicator-values")
                .then().statusCode(200).extract().asString();
        assertEquals(csvOf(json(Map.of("actionField", "C"), 100, new ArrayList<>())), all);
        assertTrue(all.contains("," + foreign + ","));
    }

    @Test
    void anExportOrdersEveryDistrictOfAPeriodByItsCodeAfterTheCityWideValueAsTheJsonListDoes() throws Exception {
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        List<String> districts = Api.anonymous().get("/api/v1/districts").then().statusCode(200).extract()
                .path("items.code");
        List<String> reversed = new ArrayList<>(districts);
        Collections.reverse(reversed);
        for (String year : List.of("2021", "2020")) {
            for (String district : reversed) {
                report(indicator, year, district, "1", null);
            }
            report(indicator, year, null, "2", null);
        }
        String body = controller().accept("text/csv").queryParam("indicator", indicator)
                .get("/api/v1/indicator-values").then().statusCode(200).extract().asString();
        List<Map<String, Object>> items = json(Map.of("indicator", indicator), 100, new ArrayList<>());
        assertEquals(2 * (districts.size() + 1), items.size());
        List<String> expected = new ArrayList<>();
        expected.add("");
        expected.addAll(districts.stream().sorted().toList());
        assertEquals(expected, items.subList(0, districts.size() + 1).stream()
                .map(item -> Objects.toString(item.get("district"), "")).toList());
        assertEquals(csvOf(items), body);
    }

    @Test
    void anExportThatMatchesNothingIsTheHeaderAlone() {
        String organisation = Api.organisation("Leerexport");
        List<String> own = indicatorsOf(organisation, 2, "YEARLY");
        report(own.get(0), "2015", null, "1", null);
        String body = Api.as(Api.partnerKey(organisation)).accept("text/csv").queryParam("periodFrom", "2999")
                .get("/api/v1/indicator-values").then().statusCode(200).extract().asString();
        assertEquals(String.join(",", ValueRow.CSV_HEADER) + "\r\n", body);
    }

    @Test
    void aClientThatLeavesMidExportEndsBothPartsAndLeavesNoFileBehind() throws Exception {
        String organisation = Api.organisation("Grossexport");
        String partner = Api.partnerKey(organisation);
        List<String> own = indicatorsOf(organisation, 3, "MONTHLY");
        int places;
        try (Connection db = dataSource.getConnection();
                var count = db.createStatement().executeQuery("SELECT count(*) + 1 FROM district")) {
            count.next();
            places = count.getInt(1);
        }
        try (Connection db = dataSource.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO indicator_value (indicator_id, period,"
                        + " period_start, district_id, value, state, revision, recorded_at, recorded_by, created_at,"
                        + " updated_at, version) SELECT i.id, to_char(m, 'YYYY-MM'), m, d.id, 1, 'APPROVED', 1, now(),"
                        + " 'test', now(), now(), 0 FROM indicator i"
                        + " CROSS JOIN generate_series(DATE '1000-01-01', DATE '1000-01-01' + interval '1999 months',"
                        + " interval '1 month') m CROSS JOIN (SELECT id FROM district UNION ALL SELECT NULL) d"
                        + " WHERE i.code = ANY (?)")) {
            insert.setArray(1, db.createArrayOf("text", own.toArray()));
            // 2,000 months for each district and the city: with Dresden's 19 districts 120,000 rows, about 23 MB
            // of CSV, more than the socket buffers hold, so the export still runs when the client leaves.
            assertEquals(3 * 2000 * places, insert.executeUpdate());
        }
        try {
            Path spool = Path.of("target/export-spool");
            try (Socket client = new Socket("localhost", RestAssured.port)) {
                client.getOutputStream().write(("GET /api/v1/indicator-values HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + partner + "\r\nAccept: text/csv\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] start = client.getInputStream().readNBytes(64 * 1024);
                assertTrue(new String(start, StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"));
                assertFalse(spoolFiles(spool).isEmpty(), "the second part is being written to a file");
            }
            Polling.eventually(Duration.ofSeconds(60), () -> spoolFiles(spool).isEmpty() && runningCopies() == 0);
            Map<String, String> firstMonth = Map.of("periodFrom", "1000-01", "periodTo", "1000-01");
            String again = Api.as(partner).accept("text/csv").queryParams(firstMonth).get("/api/v1/indicator-values")
                    .then().statusCode(200).extract().asString();
            List<Map<String, Object>> items = json(() -> Api.as(partner), firstMonth, 100, new ArrayList<>());
            assertEquals(3 * places, items.size());
            assertEquals(csvOf(items), again, "both connections went back to the pool in working order");
        } finally {
            try (Connection db = dataSource.getConnection();
                    PreparedStatement delete = db.prepareStatement("DELETE FROM indicator_value v USING indicator i"
                            + " WHERE i.id = v.indicator_id AND i.code = ANY (?)")) {
                delete.setArray(1, db.createArrayOf("text", own.toArray()));
                delete.executeUpdate();
            }
        }
    }

    private static List<Path> spoolFiles(Path spool) {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (var files = Files.list(spool)) {
            return files.filter(file -> file.getFileName().toString().startsWith("fachplan-export-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Statements of the export still running in the database (other than this question). */
    private long runningCopies() {
        try (Connection db = dataSource.getConnection();
                var found = db.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE state = 'active' AND query LIKE 'COPY (SELECT%' AND pid <> pg_backend_pid()")) {
            found.next();
            return found.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
