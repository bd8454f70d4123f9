package de.fachplan.api.sync;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A partner's external reference is its own: setting, changing or removing it leaves the public
 * version, ETag and modification time alone and puts nothing in the change feed (which webhooks
 * and other partners read), yet it is audited and the partner sees it at once.
 */
@QuarkusTest
@Tag("integration")
class ExternalReferenceTest {

    private static String measure(String lead, String partner) {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"B\",\"title\":\"Gemeinsame Maßnahme\",\"leadOrganisationId\":\"" + lead
                        + "\",\"partners\":[{\"organisationId\":\"" + partner + "\",\"role\":\"COOPERATING\"}]}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("id");
    }

    /** The feed's entries for the measure after the cursor, read to the end, and the cursor there. */
    private record Feed(List<String> resourceIds, String cursor) {
    }

    private static Feed feedAfter(String cursor) {
        List<String> ids = new java.util.ArrayList<>();
        boolean more = true;
        while (more) {
            var request = admin().queryParam("limit", 200).queryParam("types", "measure");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/changes").then().statusCode(200).extract();
            ids.addAll(page.path("items.resourceId"));
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        }
        return new Feed(ids, cursor);
    }

    private static int auditEventsOf(String measure) {
        List<Object> events = editor().queryParam("resourceId", measure).queryParam("limit", 200)
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        return events.size();
    }

    private static int deliveries(String subscription) {
        List<Object> items = admin().queryParam("limit", 200)
                .get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                .extract().path("items");
        return items.size();
    }

    @Test
    void aPartnersOwnReferenceMovesNeitherThePublicVersionNorTheFeed() {
        // Port 9 on loopback refuses connections: deliveries to it fail at once and reach no one.
        String subscription = admin().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"measure.updated\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        String a = organisation("Träger A");
        String b = organisation("Träger B");
        String keyA = partnerKey(a);
        String keyB = partnerKey(b);
        String measure = measure(a, b);
        var published = anonymous().get("/api/v1/measures/" + measure).then().statusCode(200).extract();
        String etag = published.header("ETag");
        String updatedAt = published.path("updatedAt");
        as(keyA).get("/api/v1/measures/" + measure).then().statusCode(200);
        String feedCursor = feedAfter(null).cursor();
        int auditBefore = auditEventsOf(measure);
        int deliveriesBefore = deliveries(subscription);

        String reference = "A-" + UUID.randomUUID().toString().substring(0, 8);
        as(keyA).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"externalReference\":\"" + reference + "\"}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200).header("ETag", equalTo(etag))
                .body("externalReference", equalTo(reference));
        as(keyA).get("/api/v1/measures/" + measure).then().statusCode(200).body("externalReference", equalTo(reference));
        as(keyA).get("/api/v1/measures/ext:" + reference).then().statusCode(200).body("id", equalTo(measure));
        anonymous().get("/api/v1/measures/" + measure).then().statusCode(200).header("ETag", equalTo(etag))
                .body("updatedAt", equalTo(updatedAt));
        assertEquals(List.of(), feedAfter(feedCursor).resourceIds().stream().filter(measure::equals).toList(),
                "no change feed entry");
        assertEquals(deliveriesBefore, deliveries(subscription), "no webhook");
        assertEquals(auditBefore + 1, auditEventsOf(measure), "the reference is audited");

        // The same reference again changes nothing and is not audited twice.
        as(keyA).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"externalReference\":\"" + reference + "\"}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200).header("ETag", equalTo(etag));
        assertEquals(auditBefore + 1, auditEventsOf(measure));

        // Partner B's write with the ETag it read before A's reference goes through.
        as(keyB).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"progress\":30}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200);
        String afterB = anonymous().get("/api/v1/measures/" + measure).then().extract().header("ETag");
        assertEquals(deliveriesBefore + 1, deliveries(subscription), "a public change is sent");
        // A real conflict between partners is still one: A's stale ETag on a public member is a 412.
        as(keyA).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"progress\":40}")
                .patch("/api/v1/measures/" + measure).then().statusCode(412);

        // Changing and removing the reference leave the public version alone as well.
        as(keyA).contentType(MERGE_PATCH).header("If-Match", afterB).body("{\"externalReference\":\"" + reference + "-2\"}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200).header("ETag", equalTo(afterB));
        as(keyA).contentType(MERGE_PATCH).header("If-Match", afterB).body("{\"externalReference\":null}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200).header("ETag", equalTo(afterB));
        as(keyA).get("/api/v1/measures/" + measure).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("externalReference")));
        anonymous().get("/api/v1/measures/" + measure).then().header("ETag", equalTo(afterB));
        assertEquals(auditBefore + 4, auditEventsOf(measure));
        assertEquals(deliveriesBefore + 1, deliveries(subscription));
    }

    @Test
    void aReferenceAPartnerUsesForAnotherMeasureIsStillAConflict() {
        String a = organisation("Träger C");
        String keyA = partnerKey(a);
        String first = measure(a, organisation("Träger D"));
        String second = measure(a, organisation("Träger E"));
        String reference = "C-" + UUID.randomUUID().toString().substring(0, 8);
        String firstEtag = anonymous().get("/api/v1/measures/" + first).then().extract().header("ETag");
        String secondEtag = anonymous().get("/api/v1/measures/" + second).then().extract().header("ETag");
        as(keyA).contentType(MERGE_PATCH).header("If-Match", firstEtag).body("{\"externalReference\":\"" + reference + "\"}")
                .patch("/api/v1/measures/" + first).then().statusCode(200);
        as(keyA).contentType(MERGE_PATCH).header("If-Match", secondEtag).body("{\"externalReference\":\"" + reference + "\"}")
                .patch("/api/v1/measures/" + second).then().statusCode(409);
    }
}
