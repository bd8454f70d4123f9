package de.fachplan.api.capacity;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The chart through HTTP, on city-wide figures of 2091 that no other test touches: 1,000 persons
 * and 1,500 places in March, 300 allocations in the second quarter, 50 departures in May.
 */
@QuarkusTest
@Tag("integration")
class CapacityChartTest {

    private static final String PARAMETERS = "{\"monthlyAllocations\":40,\"departureRate\":0.1,"
            + "\"targetOccupancy\":0.8,\"reserveShare\":0.25}";

    private static boolean recorded;

    @BeforeEach
    void recordFigures() {
        if (recorded) {
            return;
        }
        figure("{\"period\":\"2091-03\",\"personsHoused\":1000,\"places\":1500,\"source\":\"test\"}");
        figure("{\"period\":\"2091-Q2\",\"allocations\":300}");
        figure("{\"period\":\"2091-05\",\"departures\":50}");
        recorded = true;
    }

    private static String figure(String body) {
        return editor().contentType(ContentType.JSON).body(body).post("/api/v1/citywide-figures").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void theWhatIfSeriesFollowsTheFormulas() {
        anonymous().contentType(ContentType.JSON)
                .body("{\"from\":\"2091-02\",\"to\":\"2091-07\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/capacity-chart/what-if").then().statusCode(200)
                .body("lastActualMonth", equalTo("2091-03"))
                .body("firstShortfall", equalTo("2091-03"))
                .body("shortfalls", equalTo(List.of()))
                .body("points.period", equalTo(List.of("2091-02", "2091-03", "2091-04", "2091-05", "2091-06", "2091-07")))
                .body("points.basis", equalTo(List.of("NO_DATA", "ACTUAL", "PROJECTED", "PROJECTED", "PROJECTED",
                        "PROJECTED")))
                .body("points[0].personsToHouse", nullValue())
                .body("points[1].personsSource", equalTo("CITYWIDE_FIGURE"))
                .body("points[1].personsToHouse", equalTo(1000))
                // 1,000 × 1.25 / 0.8 = 1,562.5, rounded up
                .body("points[1].neededCapacity", equalTo(1563))
                .body("points[1].capacity", equalTo(1500))
                .body("points[1].gap", equalTo(-63))
                // recorded allocations (300 in the quarter: 100 a month) win over the scenario's 40
                .body("points.allocations", equalTo(java.util.Arrays.asList(null, null, 100, 100, 100, 40)))
                // 10 % of 1,000; then May's recorded 50; then 10 % of 1,050 and of 1,045 (104.5 rounds up)
                .body("points.departures", equalTo(java.util.Arrays.asList(null, null, 100, 50, 105, 105)))
                .body("points.personsToHouse", equalTo(java.util.Arrays.asList(null, 1000, 1000, 1050, 1045, 980)))
                .body("points.neededCapacity", equalTo(java.util.Arrays.asList(null, 1563, 1563, 1641, 1633, 1532)));
    }

    /** The recorded figures a what-if starts from are kept between requests, but never past a write. */
    @Test
    void aWhatIfAskedAgainSeesEveryFigureWrittenSince() {
        String whatIf = "{\"from\":\"2097-01\",\"to\":\"2097-03\",\"parameters\":" + PARAMETERS + "}";
        for (int i = 0; i < 2; i++) {
            anonymous().contentType(ContentType.JSON).body(whatIf).post("/api/v1/capacity-chart/what-if").then()
                    .statusCode(200).body("points[1].basis", equalTo("PROJECTED"));
        }
        var created = editor().contentType(ContentType.JSON)
                .body("{\"period\":\"2097-02\",\"personsHoused\":700,\"places\":900}")
                .post("/api/v1/citywide-figures").then().statusCode(201).extract();
        anonymous().contentType(ContentType.JSON).body(whatIf).post("/api/v1/capacity-chart/what-if").then()
                .statusCode(200).body("lastActualMonth", equalTo("2097-02")).body("points[1].basis", equalTo("ACTUAL"))
                .body("points[1].personsToHouse", equalTo(700));
        editor().contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body("{\"period\":\"2097-02\",\"personsHoused\":800,\"places\":900}")
                .put("/api/v1/citywide-figures/" + created.path("id")).then().statusCode(200);
        anonymous().contentType(ContentType.JSON).body(whatIf).post("/api/v1/capacity-chart/what-if").then()
                .statusCode(200).body("points[1].personsToHouse", equalTo(800));
    }

    @Test
    void quartersShowTheirLastMonthAndSumTheirFlows() {
        anonymous().contentType(ContentType.JSON)
                .body("{\"from\":\"2091-04\",\"to\":\"2091-06\",\"granularity\":\"QUARTER\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/capacity-chart/what-if").then().statusCode(200)
                .body("granularity", equalTo("QUARTER"))
                .body("points.period", equalTo(List.of("2091-Q2")))
                .body("points[0].allocations", equalTo(300))
                .body("points[0].departures", equalTo(255))
                .body("points[0].personsToHouse", equalTo(1045));
    }

    @Test
    void aStoredScenarioIsChartedInTheVersionAskedFor() {
        String code = "TEST_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        controller().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Testszenario\",\"issuedOn\":\"2091-01-10\","
                        + "\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(201).body("version", equalTo(1))
                .body("planCode", equalTo("DD-FAI-2022"));
        editor().contentType(ContentType.JSON)
                .body("{\"issuedOn\":\"2091-06-01\",\"parameters\":{\"monthlyAllocations\":40,\"departureRate\":0.1,"
                        + "\"targetOccupancy\":0.8,\"reserveShare\":0}}")
                .post("/api/v1/forecast-scenarios/" + code + "/versions").then().statusCode(201)
                .body("version", equalTo(2)).body("name", equalTo("Testszenario"));

        anonymous().queryParam("scenario", code).queryParam("from", "2091-03").queryParam("to", "2091-03")
                .get("/api/v1/capacity-chart").then().statusCode(200)
                .body("scenario.version", equalTo(2))
                .body("points[0].neededCapacity", equalTo(1250))
                .body("firstShortfall", nullValue())
                .body("shortfalls.find { it.code == '" + code + "' }.firstShortfall", nullValue());
        anonymous().queryParam("scenario", code).queryParam("version", 1).queryParam("from", "2091-03")
                .queryParam("to", "2091-03").get("/api/v1/capacity-chart").then().statusCode(200)
                .body("scenario.version", equalTo(1))
                .body("points[0].neededCapacity", equalTo(1563))
                .body("firstShortfall", equalTo("2091-03"));
    }

    @Test
    void scenarioVersionsStayReadableAsTheyWereIssued() {
        String code = "HIST_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Prognose\",\"issuedOn\":\"2019-03-15\","
                        + "\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(201);
        editor().contentType(ContentType.JSON)
                .body("{\"issuedOn\":\"2020-01-15\",\"parameters\":{\"monthlyAllocations\":65,\"departureRate\":0.1,"
                        + "\"targetOccupancy\":0.8,\"reserveShare\":0.25}}")
                .post("/api/v1/forecast-scenarios/" + code + "/versions").then().statusCode(201);

        anonymous().queryParam("asOf", "2019-03-31").get("/api/v1/forecast-scenarios/" + code).then().statusCode(200)
                .body("version", equalTo(1)).body("parameters.monthlyAllocations", equalTo(40.0f));
        var latest = anonymous().get("/api/v1/forecast-scenarios/" + code).then().statusCode(200)
                .body("version", equalTo(2)).body("parameters.monthlyAllocations", equalTo(65.0f)).extract();
        anonymous().header("If-None-Match", latest.header("ETag")).get("/api/v1/forecast-scenarios/" + code).then()
                .statusCode(304);
        anonymous().get("/api/v1/forecast-scenarios/" + code + "/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(1, 2)));
        anonymous().queryParam("limit", 200).get("/api/v1/forecast-scenarios").then().statusCode(200)
                .body("items.find { it.code == '" + code + "' }.version", equalTo(2))
                .body("items.code", hasItem("STABLE_ALLOCATION"));
        anonymous().queryParam("asOf", "2019-01-01").get("/api/v1/forecast-scenarios/" + code).then().statusCode(404);

        editor().contentType(ContentType.JSON)
                .body("{\"issuedOn\":\"2019-12-31\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios/" + code + "/versions").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/issuedOn"));
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Doppelt\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(409);
        as(partnerKey(organisation("Szenario-Träger"))).contentType(ContentType.JSON)
                .body("{\"code\":\"PARTNER_MADE\",\"name\":\"x\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(403);
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"BAD_RATE\",\"name\":\"x\",\"parameters\":{\"monthlyAllocations\":40,"
                        + "\"departureRate\":1.5,\"targetOccupancy\":0,\"reserveShare\":0}}")
                .post("/api/v1/forecast-scenarios").then().statusCode(422);
    }

    @Test
    void theShippedStableAllocationForecastChartsMarch2019FromThePublicFigures() {
        anonymous().queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2019-01")
                .queryParam("to", "2019-03").get("/api/v1/capacity-chart").then().statusCode(200)
                .body("scenario.parameters.monthlyAllocations", equalTo(70.0f))
                // 208 in the first quarter of 2019, spread 70 / 69 / 69
                .body("points.allocations", equalTo(List.of(70, 69, 69)))
                .body("points[2].personsToHouse", equalTo(2718))
                .body("points[2].basis", equalTo("ACTUAL"));
    }

    @Test
    void scriptsGetTheSameSeriesAsCsv() throws Exception {
        String code = "CSV_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"CSV, \\\"Export\\\"\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(201);
        var json = anonymous().queryParam("scenario", code).queryParam("from", "2091-02").queryParam("to", "2091-07")
                .get("/api/v1/capacity-chart").then().statusCode(200).extract().jsonPath();
        String csv = anonymous().accept("text/csv").queryParam("scenario", code).queryParam("from", "2091-02")
                .queryParam("to", "2091-07").get("/api/v1/capacity-chart").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv)).getRecords();
        assertEquals(6, records.size());
        List<String> members = List.of("period", "basis", "personsSource", "sourceGranularity", "allocations",
                "departures", "personsToHouse", "neededCapacity", "capacity", "reserveCapacity", "gap");
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            assertEquals(code, record.get("scenario"));
            assertEquals("1", record.get("scenarioVersion"));
            for (String member : members) {
                Object value = json.get("points[" + i + "]." + member);
                assertEquals(value == null ? "" : value.toString(), record.get(member), member + " of row " + i);
            }
        }
    }

    @Test
    void badRangesAndUnknownScenariosAreProblems() {
        anonymous().queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2091-05").queryParam("to", "2091-04")
                .get("/api/v1/capacity-chart").then().statusCode(422).body("errors[0].pointer", equalTo("#/query/to"));
        anonymous().queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2000-01").queryParam("to", "2030-01")
                .get("/api/v1/capacity-chart").then().statusCode(422);
        invalid(anonymous()).queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2091-13")
                .queryParam("to", "2092-01").get("/api/v1/capacity-chart").then().statusCode(400);
        anonymous().queryParam("plan", "DD-FAI-2022").queryParam("from", "2091-01").queryParam("to", "2092-01")
                .get("/api/v1/capacity-chart").then().statusCode(200).body("scenario.code", equalTo("STABLE_ALLOCATION"));
        anonymous().queryParam("scenario", "NO_SUCH_SCENARIO").queryParam("from", "2091-01").queryParam("to", "2091-02")
                .get("/api/v1/capacity-chart").then().statusCode(404);
        invalid(anonymous()).contentType(ContentType.JSON)
                .body("{\"from\":\"2091-01\",\"to\":\"2091-02\",\"parameters\":{\"monthlyAllocations\":\"70\","
                        + "\"departureRate\":0.1,\"targetOccupancy\":0.8,\"reserveShare\":0}}")
                .post("/api/v1/capacity-chart/what-if").then().statusCode(400);
    }

    @Test
    void citywideFiguresAreOnePerPeriodAndCorrectedUnderTheirETag() {
        var created = editor().contentType(ContentType.JSON)
                .body("{\"period\":\"2092-H1\",\"allocations\":400,\"source\":\"Halbjahresbericht\"}")
                .post("/api/v1/citywide-figures").then().statusCode(201).extract();
        String id = created.path("id");
        editor().contentType(ContentType.JSON).body("{\"period\":\"2092-H1\",\"allocations\":401}")
                .post("/api/v1/citywide-figures").then().statusCode(409);
        controller().queryParam("from", "2092-01").queryParam("to", "2092-06").get("/api/v1/citywide-figures").then()
                .statusCode(200)
                .body("items.find { it.id == '" + id + "' }.granularity", equalTo("HALF_YEAR"))
                .body("items.find { it.id == '" + id + "' }.municipality", equalTo("Dresden"));

        String corrected = editor().contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body("{\"period\":\"2092-H1\",\"allocations\":410}")
                .put("/api/v1/citywide-figures/" + id).then().statusCode(200).body("allocations", equalTo(410))
                .extract().header("ETag");
        editor().contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body("{\"period\":\"2092-H1\",\"allocations\":420}")
                .put("/api/v1/citywide-figures/" + id).then().statusCode(412);
        editor().contentType(ContentType.JSON).header("If-Match", corrected)
                .body("{\"period\":\"2092-Q1\",\"allocations\":410}")
                .put("/api/v1/citywide-figures/" + id).then().statusCode(422).body("errors[0].pointer", equalTo("/period"));
        editor().header("If-Match", corrected).delete("/api/v1/citywide-figures/" + id).then().statusCode(204);
        editor().header("If-Match", corrected).delete("/api/v1/citywide-figures/" + id).then().statusCode(404);

        editor().contentType(ContentType.JSON).body("{\"period\":\"2092-Q3\"}")
                .post("/api/v1/citywide-figures").then().statusCode(422);
        editor().contentType(ContentType.JSON).body("{\"period\":\"2092-Q3\",\"allocations\":5,\"district\":\"ATLANTIS\"}")
                .post("/api/v1/citywide-figures").then().statusCode(422).body("errors[0].pointer", equalTo("/district"));
        invalid(editor()).contentType(ContentType.JSON).body("{\"period\":\"2092-Q5\",\"allocations\":5}")
                .post("/api/v1/citywide-figures").then().statusCode(422);
    }

    @Test
    void publishedFiguresArePublicAndUnpublishedOnesStayWithStaff() {
        String internal = editor().contentType(ContentType.JSON)
                .body("{\"period\":\"2087-Q1\",\"allocations\":120,\"source\":\"interne Zählung\"}")
                .post("/api/v1/citywide-figures").then().statusCode(201).body("published", equalTo(false))
                .extract().path("id");
        String published = editor().contentType(ContentType.JSON)
                .body("{\"period\":\"2087-Q2\",\"allocations\":130,\"source\":\"Pressemitteilung 7/2087\","
                        + "\"published\":true}")
                .post("/api/v1/citywide-figures").then().statusCode(201).body("published", equalTo(true))
                .extract().path("id");
        editor().contentType(ContentType.JSON).body("{\"period\":\"2087-Q3\",\"allocations\":1,\"published\":true}")
                .post("/api/v1/citywide-figures").then().statusCode(422).body("errors[0].pointer", equalTo("/source"));
        for (RequestSpecification outsider : List.of(anonymous(), as(partnerKey(organisation("Zahlen-Träger"))))) {
            outsider.queryParam("from", "2087-01").queryParam("to", "2087-12").get("/api/v1/citywide-figures").then()
                    .statusCode(200).body("items.id", contains(published))
                    .body("items[0].source", equalTo("Pressemitteilung 7/2087"));
        }
        controller().queryParam("from", "2087-01").queryParam("to", "2087-12").get("/api/v1/citywide-figures").then()
                .statusCode(200).body("items.id", contains(internal, published));
    }

    @Test
    void dresdensPublicFiguresAreMarkedPublishedWithTheirSource() {
        List<Map<String, Object>> items = anonymous().queryParam("municipality", "Dresden").queryParam("from", "2016-01")
                .queryParam("to", "2019-03").queryParam("limit", 100).get("/api/v1/citywide-figures").then()
                .statusCode(200).extract().path("items");
        Map<String, Object> allocations2016 = items.stream()
                .filter(i -> "2016".equals(i.get("period")) && i.get("allocations") != null).findFirst().orElseThrow();
        assertEquals(1839, allocations2016.get("allocations"));
        assertEquals(true, allocations2016.get("published"));
        assertTrue(((String) allocations2016.get("source")).contains("Dresden"));
        for (String period : List.of("2017", "2018")) {
            assertTrue(items.stream().anyMatch(i -> period.equals(i.get("period")) && Boolean.TRUE.equals(i.get("published"))));
        }
        assertTrue(items.stream().anyMatch(i -> "2019-03".equals(i.get("period")) && i.get("district") == null
                && i.get("facilityType") == null && Integer.valueOf(2718).equals(i.get("personsHoused"))));
    }

    @Test
    void withoutParametersTheChartCoversWhatIsRecordedUpToThePlansEndUnderItsReferenceScenario() {
        anonymous().queryParam("plan", "DD-FAI-2022").get("/api/v1/capacity-chart").then().statusCode(200)
                .body("scenario.code", equalTo("STABLE_ALLOCATION"))
                .body("from", equalTo("2016-01")).body("to", equalTo("2022-12"))
                .body("points[0].period", equalTo("2016-01"))
                .body("points.find { it.period == '2019-03' }.basis", equalTo("ACTUAL"))
                .body("points.find { it.period == '2019-03' }.personsToHouse", equalTo(2718))
                .body("points.find { it.period == '2022-12' }.basis", equalTo("PROJECTED"));
        anonymous().queryParam("plan", "DD-FAI-2022").queryParam("from", "2016-01").queryParam("to", "2018-12")
                .get("/api/v1/capacity-chart").then().statusCode(200)
                .body("scenario.code", equalTo("STABLE_ALLOCATION"));
    }

    @Test
    void pointsSpreadFromAYearlyOrHalfYearFigureSaySo() {
        anonymous().queryParam("plan", "DD-FAI-2022").queryParam("from", "2016-01").queryParam("to", "2016-12")
                .queryParam("granularity", "QUARTER").get("/api/v1/capacity-chart").then().statusCode(200)
                .body("points[0].period", equalTo("2016-Q1"))
                .body("points[0].allocations", equalTo(636))
                .body("points[0].allocationsSpreadFrom", equalTo("HALF_YEAR"))
                .body("points[3].allocationsSpreadFrom", equalTo("YEAR"));
        anonymous().queryParam("plan", "DD-FAI-2022").queryParam("from", "2016-01").queryParam("to", "2016-12")
                .queryParam("granularity", "YEAR").get("/api/v1/capacity-chart").then().statusCode(200)
                .body("points[0].allocations", equalTo(1839))
                .body("points[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("allocationsSpreadFrom")));
        anonymous().queryParam("plan", "DD-FAI-2022").queryParam("from", "2017-05").queryParam("to", "2017-06")
                .get("/api/v1/capacity-chart").then().statusCode(200)
                .body("points[0].allocationsSpreadFrom", equalTo("HALF_YEAR"))
                .body("points[1].allocations", equalTo(57))
                .body("points[1]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("allocationsSpreadFrom")));
    }
}
