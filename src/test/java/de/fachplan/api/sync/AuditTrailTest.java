package de.fachplan.api.sync;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@Tag("integration")
class AuditTrailTest {

    @Test
    void recordsWhoChangedWhichMembersInWhichRequestUnderTheServicesRequestIdBesideTheClients() {
        var created = editor().contentType(ContentType.JSON).body("{\"actionField\":\"F\",\"title\":\"Hausaufgabenhilfe\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        String id = created.path("id");
        // A client's id is kept beside the service's own, never instead of it: two requests that
        // send the same one stay apart in the audit trail.
        String requestId = editor().contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .header("X-Request-Id", "nightly-sync-42").body("{\"progress\":40,\"title\":\"Lernhilfe\"}")
                .patch("/api/v1/measures/" + id).then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}")).extract().header("X-Request-Id");

        editor().queryParam("requestId", requestId).get("/api/v1/audit-events").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].resourceId", equalTo(id))
                .body("items[0].clientRequestId", equalTo("nightly-sync-42"));
        editor().queryParam("requestId", "nightly-sync-42").get("/api/v1/audit-events").then().statusCode(200)
                .body("items", hasSize(0));
        editor().queryParam("resourceId", id).get("/api/v1/audit-events").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].action", equalTo("UPDATE"))
                .body("items[0].requestId", equalTo(requestId))
                .body("items[0].actor", startsWith("api-key:"))
                .body("items[0].changes.progress.from", equalTo(0))
                .body("items[0].changes.progress.to", equalTo(40))
                .body("items[0].changes.title.from", equalTo("Hausaufgabenhilfe"))
                .body("items[0].changes.title.to", equalTo("Lernhilfe"))
                .body("items[1].action", equalTo("CREATE"));
    }

    @Test
    void aRefusedWriteLeavesNeitherAuditNorChange() {
        var created = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"F\",\"title\":\"Abgeschlossen\",\"status\":\"CANCELLED\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        String id = created.path("id");
        editor().contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"status\":\"IMPLEMENTATION\",\"progress\":50}").patch("/api/v1/measures/" + id).then()
                .statusCode(409);
        editor().queryParam("resourceId", id).get("/api/v1/audit-events").then().body("items", hasSize(1))
                .body("items[0].action", equalTo("CREATE"));
    }

    @Test
    void anonymousCallersCannotReadTheAuditTrail() {
        invalid(anonymous()).get("/api/v1/audit-events").then().statusCode(401);
        invalid(editor()).queryParam("resourceType", "secrets").get("/api/v1/audit-events").then().statusCode(400);
    }
}
