package de.fachplan.api.sync;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A partner's nightly script pushes the status of its measures in one batch and retries on failure. */
@QuarkusTest
@Tag("integration")
class StatusSyncTest {

    private static String organisation;
    private static String partnerKey;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void createPartner() {
        if (organisation != null) {
            return;
        }
        organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger Sync\",\"type\":\"WELFARE_ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        partnerKey = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"sync\",\"role\":\"PARTNER\",\"organisationId\":\"" + organisation + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> measure(String lead) {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"B\",\"title\":\"Sync\"" + (lead == null ? "" : ",\"leadOrganisationId\":\"" + lead + "\"")
                        + "}")
                .post("/api/v1/measures").then().statusCode(201).extract();
    }

    private static String item(String reference, String measure, String members) {
        return "{\"reference\":\"" + reference + "\",\"measure\":\"" + measure + "\"" + members + "}";
    }

    private static io.restassured.response.ValidatableResponse send(String key, boolean dryRun, String... items) {
        var request = as(partnerKey).contentType(ContentType.JSON).queryParam("dryRun", dryRun)
                .body("{\"items\":[" + String.join(",", items) + "]}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/measure-status-updates").then();
    }

    @Test
    void eachItemSucceedsOrFailsOnItsOwn() {
        String good = measure(organisation).path("id");
        var stale = measure(organisation);
        String foreign = measure(null).path("id");
        send(null, false,
                item("a", good, ",\"status\":\"IMPLEMENTATION\",\"progress\":25,\"statusNote\":\"läuft\""),
                item("b", good, ",\"status\":\"CLOSED\""),
                item("c", UUID.randomUUID().toString(), ",\"progress\":10"),
                item("d", stale.path("id"), ",\"ifMatch\":\"\\\"99\\\"\",\"progress\":10"),
                item("e", stale.path("id"), ",\"progress\":250"),
                item("f", foreign, ",\"progress\":10"))
                .statusCode(207)
                .body("items.reference", contains("a", "b", "c", "d", "e", "f"))
                .body("items.status", contains(200, 409, 404, 412, 422, 403))
                .body("items[1].problem.type", equalTo("urn:fachplan:problem:illegal-status-transition"))
                .body("items[4].problem.errors[0].pointer", equalTo("/progress"));
        editor().get("/api/v1/measures/" + good).then().body("status", equalTo("IMPLEMENTATION"))
                .body("progress", equalTo(25)).body("statusNote", equalTo("läuft"));
        editor().get("/api/v1/measures/" + stale.path("id")).then().body("progress", equalTo(0))
                .header("ETag", equalTo(stale.header("ETag")));
    }

    @Test
    void failingItemsBetweenOthersChangeNothingAndEachAppliedItemLeavesItsAuditFeedHistoryAndOutboxRows()
            throws Exception {
        var subscribed = as(partnerKey).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:1/status-sync\",\"eventTypes\":[\"measure.updated\","
                        + "\"measure.status_changed\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract();
        String subscription = subscribed.path("id");
        try {
            String twice = measure(organisation).path("id");
            var stale = measure(organisation);
            var closing = measure(organisation);
            String foreign = measure(null).path("id");
            send(null, false,
                    item("first", twice, ",\"status\":\"IMPLEMENTATION\",\"progress\":10,\"statusReason\":\"Start\""),
                    item("stale", stale.path("id"), ",\"ifMatch\":\"\\\"99\\\"\",\"progress\":10"),
                    item("second", twice, ",\"ifMatch\":\"\\\"1\\\"\",\"progress\":20"),
                    item("forbidden", closing.path("id"), ",\"status\":\"CLOSED\""),
                    item("foreign", foreign, ",\"progress\":10"),
                    item("after", stale.path("id"), ",\"progress\":30,\"statusNote\":\"geprüft\""))
                    .statusCode(207)
                    .body("items.status", contains(200, 412, 200, 409, 403, 200))
                    .body("items.etag", contains("\"1\"", null, "\"2\"", null, null, "\"1\""))
                    .body("items[1].currentEtag", equalTo("\"0\""));
            editor().get("/api/v1/measures/" + twice).then().header("ETag", equalTo("\"2\""))
                    .body("status", equalTo("IMPLEMENTATION")).body("progress", equalTo(20));
            editor().get("/api/v1/measures/" + stale.path("id")).then().header("ETag", equalTo("\"1\""))
                    .body("progress", equalTo(30)).body("statusNote", equalTo("geprüft"));
            editor().get("/api/v1/measures/" + closing.path("id")).then().header("ETag", equalTo(closing.header("ETag")))
                    .body("status", equalTo("PIPELINE"));

            assertEquals(List.of("{\"status\": {\"to\": \"IMPLEMENTATION\", \"from\": \"PIPELINE\"}, \"progress\": {\"to\": 10,"
                    + " \"from\": 0}}", "{\"progress\": {\"to\": 20, \"from\": 10}}"),
                    rows("SELECT changes::text FROM audit_event WHERE resource_id = ?::uuid AND action = 'UPDATE'"
                            + " ORDER BY occurred_at", twice));
            assertEquals(List.of("UPDATED 1", "UPDATED 2"), rows("SELECT operation || ' ' || version FROM change_event"
                    + " WHERE resource_id = ?::uuid AND operation = 'UPDATED' ORDER BY version", twice));
            assertEquals(List.of("- PIPELINE", "PIPELINE IMPLEMENTATION Start"), rows("SELECT coalesce(from_status, '-')"
                    + " || ' ' || to_status || coalesce(' ' || reason, '') FROM measure_status_change"
                    + " WHERE measure_id = ?::uuid ORDER BY changed_at", twice));
            assertEquals(List.of("measure.status_changed", "measure.updated", "measure.updated"),
                    rows("SELECT event_type FROM webhook_delivery WHERE subscription_id = '" + subscription + "'"
                            + " AND payload::jsonb -> 'data' ->> 'id' = ? ORDER BY event_type", twice));
            assertEquals(List.of("UPDATED 1"), rows("SELECT operation || ' ' || version FROM change_event"
                    + " WHERE resource_id = ?::uuid AND operation = 'UPDATED'", stale.path("id")));
            assertEquals(List.of("measure.updated"), rows("SELECT event_type FROM webhook_delivery"
                    + " WHERE subscription_id = '" + subscription + "' AND payload::jsonb -> 'data' ->> 'id' = ?",
                    stale.path("id")));
            assertEquals(List.of(), rows("SELECT action FROM audit_event WHERE resource_id = ?::uuid AND action = 'UPDATE'",
                    closing.path("id")));
            assertEquals(List.of(), rows("SELECT operation FROM change_event WHERE resource_id = ?::uuid"
                    + " AND operation = 'UPDATED'", closing.path("id")));
        } finally {
            as(partnerKey).header("If-Match", "\"" + subscribed.path("version") + "\"")
                    .delete("/api/v1/webhook-subscriptions/" + subscription).then().statusCode(204);
        }
    }

    private List<String> rows(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            List<String> rows = new java.util.ArrayList<>();
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    @Test
    void aFailedItemNamesTheMeasureItCouldSeeAndA412ItsCurrentETag() {
        var stale = measure(organisation);
        String code = stale.path("code");
        String foreign = measure(null).path("code");
        String hidden = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"B\",\"title\":\"Intern\",\"public\":false}").post("/api/v1/measures")
                .then().statusCode(201).extract().path("id");
        send(null, false,
                item("stale", code, ",\"ifMatch\":\"\\\"99\\\"\",\"progress\":10"),
                item("weak", code, ",\"ifMatch\":\"W/\\\"0\\\"\",\"progress\":10"),
                item("bare", code, ",\"ifMatch\":\"0\",\"progress\":10"),
                item("foreign", foreign, ",\"progress\":10"),
                item("hidden", hidden, ",\"progress\":10"),
                item("applied", code, ",\"progress\":20"))
                .statusCode(207)
                .body("items.status", contains(412, 400, 400, 403, 404, 200))
                .body("items[0].measureId", equalTo(stale.path("id")))
                .body("items[0].measureCode", equalTo(code))
                .body("items[0].currentEtag", equalTo(stale.header("ETag")))
                .body("items[1].problem.detail", containsString("\"5\""))
                .body("items[1].measureCode", equalTo(code))
                .body("items[1].currentEtag", nullValue())
                .body("items[2].problem.type", equalTo("urn:fachplan:problem:malformed-request"))
                .body("items[3].measureCode", equalTo(foreign))
                .body("items[4].measureId", nullValue())
                .body("items[4].measureCode", nullValue())
                .body("items[5].measureCode", equalTo(code));
    }

    @Test
    void aDryRunChecksEveryItemAndWritesNothing() {
        var measure = measure(organisation);
        send(null, true, item("a", measure.path("id"), ",\"status\":\"IMPLEMENTATION\""),
                item("b", measure.path("id"), ",\"status\":\"CLOSED\""))
                .statusCode(207).body("dryRun", equalTo(true)).body("items.status", contains(200, 409));
        editor().get("/api/v1/measures/" + measure.path("id")).then().body("status", equalTo("PIPELINE"))
                .header("ETag", equalTo(measure.header("ETag")));
    }

    @Test
    void aRetryReplaysTheFirstAnswerAndAnotherBodyIsRefused() {
        String id = measure(organisation).path("id");
        String key = UUID.randomUUID().toString();
        String first = send(key, false, item("a", id, ",\"progress\":30")).statusCode(207)
                .header("Idempotency-Replayed", nullValue()).extract().asString();
        String again = send(key, false, item("a", id, ",\"progress\":30")).statusCode(207)
                .header("Idempotency-Replayed", "true").extract().asString();
        assertEquals(first, again);
        invalid(as(partnerKey)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"items\":[" + item("a", id, ",\"progress\":31") + "]}")
                .post("/api/v1/measure-status-updates").then().statusCode(422);
    }

    @Test
    void aRetryAfterAnInterruptedRunAppliesOnlyWhatWasNotApplied() throws Exception {
        var measure = measure(organisation);
        String id = measure.path("id");
        String later = "LATER-" + UUID.randomUUID().toString().substring(0, 6);
        var second = measure(organisation);
        String key = UUID.randomUUID().toString();
        String[] items = { item("one", id, ",\"progress\":60"), item("two", "ext:" + later, ",\"progress\":70") };
        String etagAfterFirstRun = send(key, false, items).statusCode(207).body("items.status", contains(200, 404))
                .extract().path("items[0].etag");

        // As if the service had died after item one: the batch's answer is gone, its lease is over.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement interrupt = connection.prepareStatement("UPDATE idempotency_record SET status_code = 0,"
                        + " response_body = NULL, lease_until = now() - interval '1 second' WHERE idempotency_key = ?")) {
            interrupt.setString(1, key);
            assertEquals(1, interrupt.executeUpdate());
        }
        as(partnerKey).contentType("application/merge-patch+json").header("If-Match", (String) second.header("ETag"))
                .body("{\"externalReference\":\"" + later + "\"}").patch("/api/v1/measures/" + second.path("id"))
                .then().statusCode(200);

        invalid(as(partnerKey)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"items\":[" + item("one", id, ",\"progress\":61") + "]}")
                .post("/api/v1/measure-status-updates").then().statusCode(422);
        send(key, false, items).statusCode(207).header("Idempotency-Replayed", nullValue())
                .body("items.status", contains(200, 200)).body("items[0].etag", equalTo(etagAfterFirstRun));
        editor().get("/api/v1/measures/" + id).then().header("ETag", equalTo(etagAfterFirstRun));
        editor().get("/api/v1/measures/" + second.path("id")).then().body("progress", equalTo(70));
    }

    @Test
    void aBatchStillBeingAppliedIsAConflictForItsKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String id = measure(organisation).path("id");
        send(key, false, item("a", id, ",\"progress\":5")).statusCode(207);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement running = connection.prepareStatement("UPDATE idempotency_record SET status_code = 0,"
                        + " lease_until = now() + interval '5 minutes' WHERE idempotency_key = ?")) {
            running.setString(1, key);
            running.executeUpdate();
        }
        invalid(as(partnerKey)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"items\":[" + item("a", id, ",\"progress\":5") + "]}")
                .post("/api/v1/measure-status-updates").then().statusCode(409)
                .body("type", equalTo("urn:fachplan:problem:request-in-progress"));
    }

    @Test
    void aBatchAboveTheLimitIsRefusedWhole() {
        String id = measure(organisation).path("id");
        List<String> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(item("r" + i, id, ",\"progress\":1"));
        }
        invalid(as(partnerKey)).contentType(ContentType.JSON).body("{\"items\":[" + String.join(",", items) + "]}")
                .post("/api/v1/measure-status-updates").then().statusCode(422);
        editor().get("/api/v1/measures/" + id).then().body("progress", equalTo(0));
    }
}
