package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.partnerJwt;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import de.fachplan.api.common.operations.OperationsTest;
import de.fachplan.api.support.Api;

/**
 * Uploads above the import-job threshold (10 rows in the test profile) run as import jobs: 202 and
 * a job to poll, per-row errors, all or nothing, the uploader's rights, idempotent retries.
 */
@QuarkusTest
@Tag("integration")
class ValueImportJobsTest {

    private static final String IMPORTS = "/api/v1/indicator-value-imports";

    private static String organisation;
    private static String partnerKey;
    private static String own;
    private static String foreign;

    @BeforeEach
    void setUp() {
        if (partnerKey != null) {
            return;
        }
        organisation = Api.organisation("Beispiel-Träger Importe");
        partnerKey = Api.partnerKey(organisation);
        own = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"M\",\"reportingOrganisation\":\"" + organisation + "\"");
        foreign = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"C\"");
    }

    private static String monthlyIndicator() {
        return ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"W\"");
    }

    /**
     * {@code rows} data rows of {@code indicator}, one month each; a row listed in {@code bad}
     * (by its row number, the header being row 1) gets that text as its line instead.
     */
    private static String csv(String indicator, int rows, Map<Integer, String> bad) {
        StringBuilder csv = new StringBuilder("reference,indicator,period,district,value\r\n");
        for (int i = 0; i < rows; i++) {
            int row = i + 2;
            String line = "r" + row + "," + indicator + "," + (2001 + i / 12) + "-" + String.format("%02d", i % 12 + 1)
                    + ",," + (100 + i);
            csv.append(bad.getOrDefault(row, line)).append("\r\n");
        }
        return csv.toString();
    }

    private static ExtractableResponse<Response> upload(RequestSpecification as, String csv) {
        return as.contentType("text/csv").body(csv).post(IMPORTS).then().statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/indicator-value-imports/[0-9a-f-]{36}"))
                .body("state", oneOf("QUEUED", "RUNNING", "SUCCEEDED", "FAILED"))
                .extract();
    }

    /** Polls the job until it has ended, for at most 30 s. */
    private static ExtractableResponse<Response> ended(Supplier<RequestSpecification> as, String location) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ExtractableResponse<Response> job = as.get().get(location).then().statusCode(200).extract();
            String state = job.path("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return fail("import job " + location + " did not end within 30 s");
    }

    private static int stored(String indicator) {
        return controller().queryParam("indicator", indicator).queryParam("limit", 200).get("/api/v1/indicator-values")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void anotherOrganisationsJobIsNotHeldBehindALargeOneForLongerThanATurn() {
        String small = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"M\",\"reportingOrganisation\":\"" + organisation + "\"");
        // Four chunks of 500: the large job looks for waiting jobs of others after each, and it runs
        // for longer than a turn (with two chunks it could end within its first turn: runs of rows are fast).
        String largeJob = upload(controller(), csv(monthlyIndicator(), 2000, Map.of())).header("Location");
        String smallJob = upload(as(partnerKey), csv(small, 20, Map.of())).header("Location");
        assertEquals("SUCCEEDED", ended(() -> as(partnerKey), smallJob).path("state"));
        ExtractableResponse<Response> meanwhile = controller().get(largeJob).then().statusCode(200).extract();
        assertTrue(meanwhile.<Integer>path("processedRows") < 2000,
                "the partner's job ended while the large one was still running: " + meanwhile.asString());
        assertEquals("SUCCEEDED", ended(Api::controller, largeJob).path("state"));
    }

    @Test
    void aLargeUploadRunsAsAJobThatReportsCountsAndEachFailedRowWithItsColumn() {
        String indicator = monthlyIndicator();
        String body = csv(indicator, 30, Map.of(
                5, "r5," + indicator + ",2001-04,,sieben",
                17, "r17," + indicator + ",2002-04,NIRGENDWO,7"));
        var accepted = upload(controller(), body);
        assertEquals(30, (int) accepted.path("totalRows"));
        String location = accepted.header("Location");

        var job = ended(() -> controller(), location);
        assertEquals("SUCCEEDED", job.path("state"));
        assertEquals(30, (int) job.path("processedRows"));
        assertEquals(28, (int) job.path("appliedRows"));
        assertEquals(2, (int) job.path("failedRows"));
        assertEquals(false, job.path("errorsTruncated"));
        controller().get(location).then().statusCode(200)
                .body("errors.row", contains(5, 17))
                .body("errors.reference", contains("r5", "r17"))
                .body("errors.status", contains(422, 422))
                .body("errors[0].problem.errors[0].pointer", equalTo("/value"))
                .body("errors[1].problem.errors[0].pointer", equalTo("/district"))
                .body("finishedAt", matchesPattern(".+"));
        // Nothing of a failed row is written; every good row is.
        assertEquals(28, stored(indicator));
        controller().header("If-None-Match", (String) job.header("ETag")).get(location).then().statusCode(304);
    }

    @Test
    void badRowsInsideLaterRunsAreReportedExactlyAndARepeatedSlotChangesTheValueJustCreated() {
        String indicator = monthlyIndicator();
        // A failed row splits its run and makes the next runs start small: bad rows in the middle
        // and at the end of later runs, and row 150 reports the slot of row 140 (2012-07, created
        // in the same run) again with another value.
        String body = csv(indicator, 300, Map.of(
                70, "r70," + indicator + ",2006-09,,-1",
                150, "r150," + indicator + ",2012-07,,2",
                200, "r200," + indicator + ",2017-07,,7,zu viele Felder",
                301, "r301," + indicator + ",2025-13,,7"));
        String location = upload(controller(), body).header("Location");

        var job = ended(() -> controller(), location);
        assertEquals("SUCCEEDED", job.path("state"));
        assertEquals(300, (int) job.path("processedRows"));
        assertEquals(297, (int) job.path("appliedRows"));
        assertEquals(3, (int) job.path("failedRows"));
        controller().get(location).then().statusCode(200)
                .body("errors.row", contains(70, 200, 301))
                .body("errors.reference", contains("r70", "r200", "r301"))
                .body("errors.status", contains(422, 422, 422))
                .body("errors[0].problem.errors[0].pointer", equalTo("/value"))
                .body("errors[2].problem.errors[0].pointer", equalTo("/period"));
        // Up to 2012: 144 months without the failed 2006-09. From 2013: 156 months without row
        // 150's own 2013-05, the failed 2017-07 and the unreadable last row's 2025-12.
        List<Map<String, Object>> upTo2012 = values(indicator, "periodTo", "2012");
        assertEquals(143, upTo2012.size());
        assertEquals(153, values(indicator, "periodFrom", "2013").size());
        assertEquals(List.of(2), upTo2012.stream().filter(v -> v.get("period").equals("2012-07"))
                .map(v -> v.get("value")).toList());
    }

    @Test
    void rowsOfLaterChunksAreReportedExactlyAndAValueOfAnEarlierChunkIsChangedNotCreatedAgain() {
        String indicator = monthlyIndicator();
        // 1,200 rows are three chunks (rows 2-501, 502-1001, 1002-1201), each one run when its rows
        // are good: the last row of the first chunk, the first of the second and one deep in the
        // third fail; row 1000 reports again the slot of row 10 (2001-09), which the first chunk
        // committed.
        String body = csv(indicator, 1200, Map.of(
                501, "r501," + indicator + ",2042-08,,-1",
                502, "r502," + indicator + ",2042-09,NIRGENDWO,7",
                1000, "r1000," + indicator + ",2001-09,,5",
                1150, "r1150," + indicator + ",2096-09,,7,zu viele Felder"));
        String location = upload(controller(), body).header("Location");

        var job = ended(() -> controller(), location);
        assertEquals("SUCCEEDED", job.path("state"));
        assertEquals(1200, (int) job.path("processedRows"));
        assertEquals(1197, (int) job.path("appliedRows"));
        assertEquals(3, (int) job.path("failedRows"));
        controller().get(location).then().statusCode(200)
                .body("errors.row", contains(501, 502, 1150))
                .body("errors.reference", contains("r501", "r502", "r1150"))
                .body("errors.status", contains(422, 422, 422))
                .body("errors[0].problem.errors[0].pointer", equalTo("/value"))
                .body("errors[1].problem.errors[0].pointer", equalTo("/district"))
                .body("errors[2].problem.errors[0].pointer", equalTo("/"));
        assertEquals(1196, count(indicator, Map.of()));
        assertEquals(10, count(indicator, Map.of("periodFrom", "2042", "periodTo", "2042")));
        assertEquals(11, count(indicator, Map.of("periodFrom", "2084", "periodTo", "2084")));
        List<Map<String, Object>> september = values(indicator, "periodFrom", "2001-09").stream()
                .filter(v -> v.get("period").equals("2001-09")).toList();
        assertEquals(List.of(5), september.stream().map(v -> v.get("value")).toList());
        assertEquals(List.of(1), september.stream().map(v -> v.get("revision")).toList());
    }

    @Test
    void aDryRunAndAnAllOrNothingJobOfSeveralChunksWriteNothing() {
        String indicator = monthlyIndicator();
        String body = csv(indicator, 1200, Map.of(1150, "r1150," + indicator + ",2096-09,,-7"));
        var checked = ended(() -> controller(), controller().queryParam("dryRun", true).contentType("text/csv")
                .body(body).post(IMPORTS).then().statusCode(202).extract().header("Location"));
        assertEquals("SUCCEEDED", checked.path("state"));
        assertEquals(1200, (int) checked.path("processedRows"));
        assertEquals(1199, (int) checked.path("appliedRows"));
        assertEquals(List.of(1150), checked.path("errors.row"));
        var together = ended(() -> controller(), controller().queryParam("allOrNothing", true).contentType("text/csv")
                .body(body).post(IMPORTS).then().statusCode(202).extract().header("Location"));
        assertEquals("FAILED", together.path("state"));
        assertEquals(0, (int) together.path("appliedRows"));
        assertEquals(List.of(1150), together.path("errors.row"));
        assertEquals(0, count(indicator, Map.of()));
    }

    /** The number of values of {@code indicator} that the list finds with {@code filters}, page by page. */
    private static int count(String indicator, Map<String, String> filters) {
        int count = 0;
        String cursor = null;
        do {
            RequestSpecification request = controller().queryParam("indicator", indicator).queryParam("limit", 200)
                    .queryParams(filters);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/indicator-values").then().statusCode(200).extract();
            count += page.<Integer>path("items.size()");
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return count;
    }

    private static List<Map<String, Object>> values(String indicator, String filter, String period) {
        return controller().queryParam("indicator", indicator).queryParam(filter, period).queryParam("limit", 200)
                .get("/api/v1/indicator-values").then().statusCode(200).extract().path("items");
    }

    @Test
    void anAllOrNothingJobWithOneBadRowWritesNothing() {
        String indicator = monthlyIndicator();
        var failed = ended(() -> controller(), controller().queryParam("allOrNothing", true).contentType("text/csv")
                .body(csv(indicator, 25, Map.of(20, "r20," + indicator + ",2002-07,,-3"))).post(IMPORTS).then()
                .statusCode(202).body("allOrNothing", equalTo(true)).extract().header("Location"));
        assertEquals("FAILED", failed.path("state"));
        assertEquals(0, (int) failed.path("appliedRows"));
        assertEquals(1, (int) failed.path("failedRows"));
        assertEquals(20, (int) failed.path("errors[0].row"));
        assertTrue(((String) failed.path("detail")).contains("nothing was written"), (String) failed.path("detail"));
        assertEquals(0, stored(indicator));

        var written = ended(() -> controller(), controller().queryParam("allOrNothing", true).contentType("text/csv")
                .body(csv(indicator, 25, Map.of())).post(IMPORTS).then().statusCode(202).extract().header("Location"));
        assertEquals("SUCCEEDED", written.path("state"));
        assertEquals(25, (int) written.path("appliedRows"));
        assertEquals(25, stored(indicator));
    }

    @Test
    void aDryRunJobChecksEveryRowAndWritesNothing() {
        String indicator = monthlyIndicator();
        var job = ended(() -> controller(), controller().queryParam("dryRun", true).contentType("text/csv")
                .body(csv(indicator, 12, Map.of(3, "r3," + indicator + ",2001-Q1,,5"))).post(IMPORTS).then()
                .statusCode(202).extract().header("Location"));
        assertEquals("SUCCEEDED", job.path("state"));
        assertEquals(true, job.path("dryRun"));
        assertEquals(11, (int) job.path("appliedRows"));
        assertEquals("/period", job.path("errors[0].problem.errors[0].pointer"));
        assertEquals(0, stored(indicator));
    }

    @Test
    void aPartnersJobRunsWithThePartnersRightsAndIsTracedToTheUpload() {
        StringBuilder body = new StringBuilder(csv(own, 12, Map.of()));
        for (int month = 1; month <= 3; month++) {
            body.append("x").append(month).append(',').append(foreign).append(",2001-0").append(month).append(",,5\r\n");
        }
        var accepted = upload(as(partnerKey), body.toString());
        String location = accepted.header("Location");
        String requestId = accepted.header("X-Request-Id");
        var job = ended(() -> as(partnerKey), location);
        assertEquals("SUCCEEDED", job.path("state"));
        assertEquals(12, (int) job.path("appliedRows"));
        as(partnerKey).get(location).then().body("errors.row", contains(14, 15, 16))
                .body("errors.status", everyItem(equalTo(404)));
        // Inside the job the partner can no more write another organisation's values than outside.
        assertEquals(0, stored(foreign));
        assertEquals(12, stored(own));
        editor().queryParam("requestId", requestId).queryParam("limit", 200).get("/api/v1/audit-events").then()
                .statusCode(200).body("items", hasSize(12))
                .body("items.actorId", everyItem(matchesPattern("api-key:.+")))
                .body("items.actorOrganisationId", everyItem(matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void aJobOfAPartnersJwtIsRecordedUnderThatPersonLikeItsRequests() {
        String subject = "statistik-" + UUID.randomUUID().toString().substring(0, 8);
        String token = partnerJwt(subject, organisation);
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"M\",\"reportingOrganisation\":\"" + organisation + "\"");
        var accepted = upload(as(token), csv(indicator, 11, Map.of()));
        String location = accepted.header("Location");
        String requestId = accepted.header("X-Request-Id");
        assertEquals(11, (int) ended(() -> as(token), location).path("appliedRows"));
        invalid(as(partnerJwt("someone-else", organisation))).get(location).then().statusCode(404);
        editor().queryParam("requestId", requestId).queryParam("limit", 200).get("/api/v1/audit-events").then()
                .statusCode(200).body("items", hasSize(11))
                .body("items.actorId", everyItem(equalTo("jwt:" + subject)))
                .body("items.actor", everyItem(equalTo("jwt:" + subject)))
                .body("items.actorOrganisationId", everyItem(equalTo(organisation)));
    }

    @Test
    void onlyTheUploaderCanReadItsJob() {
        String location = upload(controller(), csv(monthlyIndicator(), 11, Map.of())).header("Location");
        invalid(editor()).get(location).then().statusCode(404);
        invalid(as(partnerKey)).get(location).then().statusCode(404);
        invalid(anonymous()).get(location).then().statusCode(401);
        invalid(controller()).get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404);
        invalid(controller()).get(IMPORTS + "/not-a-uuid").then().statusCode(404);
        ended(() -> controller(), location);
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheSameJobAndAppliesNothingTwice() {
        String indicator = monthlyIndicator();
        String key = UUID.randomUUID().toString();
        String body = csv(indicator, 14, Map.of());
        String location = upload(controller().header("Idempotency-Key", key), body).header("Location");
        controller().header("Idempotency-Key", key).contentType("text/csv").body(body).post(IMPORTS).then()
                .statusCode(202).header("Idempotency-Replayed", "true").header("Location", equalTo(location));
        invalid(controller()).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv(indicator, 13, Map.of())).post(IMPORTS).then().statusCode(422)
                .body("type", equalTo("urn:fachplan:problem:idempotency-key-reused"));
        var job = ended(() -> controller(), location);
        assertEquals(14, (int) job.path("appliedRows"));
        controller().queryParam("indicator", indicator).queryParam("limit", 200).get("/api/v1/indicator-values")
                .then().body("items", hasSize(14)).body("items.revision", everyItem(equalTo(1)));
    }

    @Test
    void aBadHeaderIsRefusedAtOnceEvenForALargeUpload() {
        String indicator = monthlyIndicator();
        invalid(controller()).contentType("text/csv").body(csv(indicator, 20, Map.of()).replace("value\r\n", "wert\r\n"))
                .post(IMPORTS).then().statusCode(400).body("errors[0].pointer", equalTo("#/body/row/1"));
        controller().queryParam("indicator", indicator).get("/api/v1/indicator-values").then().body("items", empty());
    }

    @Test
    void anUploadOfMoreThan50000RowsIsRefusedAsAWhole() {
        // Short rows, so that the row limit and not the body limit (1 MB) refuses it.
        String csv = "indicator,period,value\r\n" + "X,2001-01,1\r\n".repeat(50_001);
        invalid(controller()).contentType("text/csv").body(csv).post(IMPORTS).then().statusCode(413)
                .body("type", equalTo("urn:fachplan:problem:payload-too-large"))
                .body("detail", containsString("50000 rows"));
    }

    @Test
    void importJobsInFlightArePublishedAsGauges() {
        String location = upload(controller(), csv(monthlyIndicator(), 300, Map.of())).header("Location");
        assertTrue(within10s(() -> inFlight() >= 1), "the job never showed in fachplan_imports_queued/running");
        ended(() -> controller(), location);
        assertTrue(within10s(() -> inFlight() == 0), "fachplan_imports_queued/running still count an ended job");
    }

    private static double inFlight() {
        String metrics = OperationsTest.metrics();
        return OperationsTest.gauge(metrics, "fachplan_imports_running")
                + OperationsTest.gauge(metrics, "fachplan_imports_queued");
    }

    private static boolean within10s(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
