package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@Tag("integration")
class MeasuresTest {

    private static String organisationId;

    /** REST Assured knows the test port only once a test runs, so the data is made before the first. */
    @BeforeEach
    void createPartner() {
        if (organisationId != null) {
            return;
        }
        organisationId = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Sprachschule MeasuresTest\",\"type\":\"EDUCATION_PROVIDER\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
    }

    private static ExtractableResponse<Response> create(String body) {
        return editor().contentType(ContentType.JSON).body(body).post("/api/v1/measures").then().statusCode(201)
                .extract();
    }

    @Test
    void createsAMeasureWithTheNextFreeNumberOfItsActionField() {
        var first = create("{\"actionField\":\"G\",\"title\":\"Gesundheitslotsen\"}");
        var second = create("{\"actionField\":\"G\",\"title\":\"Psychosoziale Beratung\"}");
        int firstNumber = Integer.parseInt(first.<String>path("code").substring(1));
        int secondNumber = Integer.parseInt(second.<String>path("code").substring(1));
        org.junit.jupiter.api.Assertions.assertEquals(firstNumber + 1, secondNumber);
        org.junit.jupiter.api.Assertions.assertEquals("/api/v1/measures/" + second.path("id"),
                java.net.URI.create(second.header("Location")).getPath());
    }

    @Test
    void createsAMeasureWithAllItsRelationsAndReadsItBackByCodeAndById() {
        var created = create("{\"actionField\":\"S\",\"code\":\"S901\",\"title\":\"Sprachcafés in Stadtteilbibliotheken\","
                + "\"description\":\"Offene Gesprächsrunden zum Deutschüben.\",\"status\":\"IMPLEMENTATION\","
                + "\"progress\":20,\"plannedStart\":\"2020-01-01\",\"plannedEnd\":\"2022-12-31\","
                + "\"leadOrganisationId\":\"" + organisationId + "\","
                + "\"partners\":[{\"organisationId\":\"" + organisationId + "\",\"role\":\"FUNDING\"}],"
                + "\"guidelines\":[\"L3\",\"L1\"],\"targetGroups\":[\"WOMEN\",\"ASYLUM_SEEKERS\"],"
                + "\"districts\":[\"PROHLIS\",\"COTTA\"]}");
        String id = created.path("id");
        anonymous().get("/api/v1/measures/S901").then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo(id))
                .body("actionField", equalTo("S"))
                .body("status", equalTo("IMPLEMENTATION"))
                .body("leadOrganisation.name", equalTo("Beispiel-Sprachschule MeasuresTest"))
                .body("partners[0].role", equalTo("FUNDING"))
                .body("guidelines", contains("L1", "L3"))
                .body("targetGroups", contains("ASYLUM_SEEKERS", "WOMEN"))
                .body("districts", contains("COTTA", "PROHLIS"));
        anonymous().get("/api/v1/measures/" + id).then().statusCode(200).body("code", equalTo("S901"));
        anonymous().queryParam("plan", "DD-FAI-2022").get("/api/v1/measures/S901").then().statusCode(200);
    }

    @Test
    void reportsEveryInvalidMemberOfAMeasureAtOnce() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"actionField\":\"W\",\"code\":\"S3\",\"title\":\"x\",\"plannedStart\":\"2021-01-01\","
                        + "\"plannedEnd\":\"2020-01-01\",\"targetGroups\":[\"NOBODY\"],\"districts\":[\"ATLANTIS\"],"
                        + "\"guidelines\":[\"L9\"]}")
                .post("/api/v1/measures").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fachplan:problem:validation-failed"))
                .body("errors.pointer", containsInAnyOrder("/code", "/plannedEnd", "/targetGroups/0",
                        "/districts/0", "/guidelines/0"));
    }

    @Test
    void anOutOfRangeProgressIsUnprocessable() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":\"x\",\"progress\":150}")
                .post("/api/v1/measures").then().statusCode(422).body("errors[0].pointer", equalTo("/progress"));
    }

    @Test
    void aTakenCodeIsAConflict() {
        create("{\"actionField\":\"P\",\"code\":\"P777\",\"title\":\"Beirat\"}");
        editor().contentType(ContentType.JSON).body("{\"actionField\":\"P\",\"code\":\"P777\",\"title\":\"Noch ein Beirat\"}")
                .post("/api/v1/measures").then().statusCode(409);
    }

    @Test
    void followsTheAllowedStatusTransitionsAndRecordsEachOne() {
        var created = create("{\"actionField\":\"F\",\"title\":\"Ferienangebote für Kinder\"}");
        String code = created.path("code");
        String etag = patch(code, created.header("ETag"), "{\"status\":\"IMPLEMENTATION\",\"statusReason\":\"Träger beauftragt\",\"progress\":10}")
                .body("status", equalTo("IMPLEMENTATION")).body("progress", equalTo(10)).extract().header("ETag");
        etag = patch(code, etag, "{\"status\":\"SUSPENDED\"}").extract().header("ETag");
        editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\":\"CLOSED\"}")
                .patch("/api/v1/measures/" + code).then().statusCode(409)
                .body("type", equalTo("urn:fachplan:problem:illegal-status-transition"));

        anonymous().get("/api/v1/measures/" + code + "/status-history").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.toStatus", contains("PIPELINE", "IMPLEMENTATION", "SUSPENDED"))
                .body("items[0].fromStatus", nullValue())
                .body("items[1].fromStatus", equalTo("PIPELINE"))
                .body("items[1].reason", equalTo("Träger beauftragt"))
                .body("items[1].changedBy", equalTo("role:EDITOR"));
    }

    @Test
    void closedIsFinal() {
        var created = create("{\"actionField\":\"C\",\"title\":\"Förderrichtlinie\",\"status\":\"IMPLEMENTATION\"}");
        String code = created.path("code");
        String etag = patch(code, created.header("ETag"), "{\"status\":\"FINALISATION\"}").extract().header("ETag");
        etag = patch(code, etag, "{\"status\":\"CLOSED\",\"progress\":100}").extract().header("ETag");
        editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\":\"IMPLEMENTATION\"}")
                .patch("/api/v1/measures/" + code).then().statusCode(409);
        anonymous().get("/api/v1/measures/" + code).then().body("status", equalTo("CLOSED"));
    }

    @Test
    void mergePatchLeavesAbsentMembersAndClearsExplicitNulls() {
        var created = create("{\"actionField\":\"Q\",\"title\":\"Stadtteilrunden\",\"description\":\"Runde Tische\","
                + "\"plannedStart\":\"2020-02-01\",\"districts\":[\"LEUBEN\"],\"targetGroups\":[\"FAMILIES_WITH_CHILDREN\"]}");
        String code = created.path("code");
        patch(code, created.header("ETag"), "{\"description\":null,\"districts\":[]}")
                .body("description", nullValue())
                .body("districts", hasSize(0))
                .body("plannedStart", equalTo("2020-02-01"))
                .body("targetGroups", contains("FAMILIES_WITH_CHILDREN"))
                .body("title", equalTo("Stadtteilrunden"));
    }

    @Test
    void aNullListIsEmptiedLikeAnEmptyOneAndListsThePatchLeavesOutStay() {
        var created = create("{\"actionField\":\"Q\",\"title\":\"Nachbarschaftsfeste\",\"guidelines\":[\"L3\"],"
                + "\"partners\":[{\"organisationId\":\"" + organisationId + "\",\"role\":\"COOPERATING\"}],"
                + "\"districts\":[\"PIESCHEN\"],\"targetGroups\":[\"WOMEN\"]}");
        patch(created.path("code"), created.header("ETag"), "{\"targetGroups\":null,\"partners\":null,\"progress\":5}")
                .body("targetGroups", hasSize(0))
                .body("partners", hasSize(0))
                .body("progress", equalTo(5))
                .body("guidelines", contains("L3"))
                .body("districts", contains("PIESCHEN"));
    }

    @Test
    void listsInAPatchKeepTheirLimitsAndTheirItemsShape() {
        var created = create("{\"actionField\":\"Q\",\"title\":\"Listen mit Grenzen\"}");
        String etag = created.header("ETag");
        String tooMany = "[" + "\"PIESCHEN\",".repeat(100) + "\"PIESCHEN\"]";
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"districts\":" + tooMany + "}")
                .patch("/api/v1/measures/" + created.path("code")).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/districts"));
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"partners\":[{\"organisationId\":\"" + organisationId + "\"}]}")
                .patch("/api/v1/measures/" + created.path("code")).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/partners/0/role"));
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"guidelines\":[null]}")
                .patch("/api/v1/measures/" + created.path("code")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/guidelines/0"));
        anonymous().get("/api/v1/measures/" + created.path("code")).then().header("ETag", equalTo(etag));
    }

    @Test
    void eachItemOfAListInACreateIsValidatedWithItsPointer() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"actionField\":\"Q\",\"title\":\"x\",\"partners\":[{\"organisationId\":\"" + organisationId
                        + "\",\"role\":\"IMPLEMENTING\"},{\"organisationId\":\"" + organisationId + "\"}]}")
                .post("/api/v1/measures").then().statusCode(422).body("errors.pointer", contains("/partners/1/role"));
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"actionField\":\"Q\",\"title\":\"x\",\"guidelines\":[\"" + "G".repeat(17) + "\"]}")
                .post("/api/v1/measures").then().statusCode(422).body("errors.pointer", contains("/guidelines/0"));
    }

    @Test
    void aNullForAMemberThatCannotBeClearedIsRefused() {
        var created = create("{\"actionField\":\"Q\",\"title\":\"Quartiersmanagement\"}");
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"title\":null}").patch("/api/v1/measures/" + created.path("code")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/title"));
        anonymous().get("/api/v1/measures/" + created.path("code")).then().body("title", equalTo("Quartiersmanagement"));
    }

    @Test
    void eachChangeGivesANewETagAndAStaleOneIsRefused() {
        var created = create("{\"actionField\":\"R\",\"title\":\"Interkulturelle Öffnung\"}");
        String code = created.path("code");
        String first = created.header("ETag");
        String second = patch(code, first, "{\"progress\":5}").extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
        editor().contentType(MERGE_PATCH).header("If-Match", first).body("{\"progress\":50}")
                .patch("/api/v1/measures/" + code).then().statusCode(412);
        anonymous().header("If-None-Match", second).get("/api/v1/measures/" + code).then().statusCode(304);
        anonymous().header("If-None-Match", first).get("/api/v1/measures/" + code).then().statusCode(200)
                .body("progress", equalTo(5));
    }

    @Test
    void deletesAMeasureOnlyWithTheCurrentETag() {
        var created = create("{\"actionField\":\"B\",\"title\":\"Patenschaften\"}");
        String code = created.path("code");
        invalid(editor()).delete("/api/v1/measures/" + code).then().statusCode(428);
        editor().header("If-Match", "\"999\"").delete("/api/v1/measures/" + code).then().statusCode(412);
        editor().header("If-Match", (String) created.header("ETag")).delete("/api/v1/measures/" + code).then()
                .statusCode(204);
        anonymous().get("/api/v1/measures/" + code).then().statusCode(404);
        anonymous().get("/api/v1/measures/" + code + "/status-history").then().statusCode(404);
    }

    @Test
    void theStatusReasonNeedsAStatusChange() {
        var created = create("{\"actionField\":\"W\",\"title\":\"Wohnungsvermittlung\"}");
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"statusReason\":\"ohne Wechsel\"}").patch("/api/v1/measures/" + created.path("code"))
                .then().statusCode(422).body("errors[0].pointer", equalTo("/statusReason"));
    }

    @Test
    void aDeletedMeasuresCodeIsNeverGivenAgain() {
        var created = create("{\"actionField\":\"C\",\"title\":\"Fördermittelberatung\"}");
        String code = created.path("code");
        editor().header("If-Match", (String) created.header("ETag")).delete("/api/v1/measures/" + code).then()
                .statusCode(204);
        String next = create("{\"actionField\":\"C\",\"title\":\"Fördermittelberatung neu\"}").path("code");
        org.junit.jupiter.api.Assertions.assertEquals(Integer.parseInt(code.substring(1)) + 1,
                Integer.parseInt(next.substring(1)));
    }

    @Test
    void concurrentCreatesInOneFieldGetDistinctNumbers() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                futures.add(pool.submit(() -> create("{\"actionField\":\"P\",\"title\":\"Parallel " + n + "\"}")
                        .<String>path("code")));
            }
            var codes = new java.util.HashSet<String>();
            for (var future : futures) {
                codes.add(future.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(12, codes.size(), "codes " + codes);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void ofTwoConcurrentChangesWithTheSameETagExactlyOneWins() throws Exception {
        var created = create("{\"actionField\":\"R\",\"title\":\"Wettlauf\"}");
        String code = created.path("code");
        String etag = created.header("ETag");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                int progress = 10 + i;
                futures.add(pool.submit(() -> editor().contentType(MERGE_PATCH).header("If-Match", etag)
                        .body("{\"progress\":" + progress + "}").patch("/api/v1/measures/" + code).statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var future : futures) {
                statuses.add(future.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, statuses.stream().filter(s -> s == 200).count(),
                    "statuses " + statuses);
            org.junit.jupiter.api.Assertions.assertEquals(3, statuses.stream().filter(s -> s == 412).count(),
                    "statuses " + statuses);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void clearableMembersStillKeepTheirLimits() {
        var created = create("{\"actionField\":\"Q\",\"title\":\"Grenzen\"}");
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"description\":\"" + "x".repeat(10_001) + "\"}").patch("/api/v1/measures/" + created.path("code"))
                .then().statusCode(422).body("errors[0].pointer", equalTo("/description"));
    }

    @Test
    void renamingAnOrganisationChangesTheETagOfItsMeasures() {
        var organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger Umbenennung\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract();
        var created = create("{\"actionField\":\"B\",\"title\":\"Umbenennung\",\"leadOrganisationId\":\""
                + organisation.path("id") + "\"}");
        editor().contentType(MERGE_PATCH).header("If-Match", (String) organisation.header("ETag"))
                .body("{\"name\":\"Beispiel-Träger Neuer Name\"}").patch("/api/v1/organisations/" + organisation.path("id"))
                .then().statusCode(200);
        anonymous().header("If-None-Match", (String) created.header("ETag")).get("/api/v1/measures/" + created.path("code"))
                .then().statusCode(200).body("leadOrganisation.name", equalTo("Beispiel-Träger Neuer Name"));
    }

    private static io.restassured.response.ValidatableResponse patch(String code, String etag, String body) {
        return editor().contentType(MERGE_PATCH).header("If-Match", etag).body(body).patch("/api/v1/measures/" + code)
                .then().statusCode(200);
    }
}
