package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The public status history names the role of whoever changed a status, never the person or key. */
@QuarkusTest
@Tag("integration")
class PublicStatusHistoryTest {

    @Test
    void anonymousCallersSeeTheRoleStaffSeeTheName() {
        var created = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"P\",\"title\":\"Beirat für Migration\",\"public\":true}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        String id = created.path("id");
        editor().contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"status\":\"IMPLEMENTATION\"}").patch("/api/v1/measures/" + id).then().statusCode(200);

        anonymous().get("/api/v1/measures/" + id + "/status-history").then().statusCode(200)
                .body("items.changedBy", everyItem(equalTo("role:EDITOR")));
        editor().get("/api/v1/measures/" + id + "/status-history").then().statusCode(200)
                .body("items.changedBy", everyItem(startsWith("api-key:")));
    }

    @Test
    void anUnknownPlanInTheBodyIsAnInvalidMemberNotAMissingResource() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"plan\":\"NO-SUCH-PLAN\",\"actionField\":\"P\",\"title\":\"Ohne Plan\"}")
                .post("/api/v1/measures").then().statusCode(422).body("errors[0].pointer", equalTo("/plan"));
    }

    @Test
    void anUnknownPlanOnThePublicDistrictFiguresIsADeclared404() {
        invalid(anonymous()).queryParam("plan", "NO-SUCH-PLAN").queryParam("from", "2019-01")
                .queryParam("to", "2019-03").get("/api/v1/capacity-by-district").then()
                .statusCode(404).body("type", equalTo("urn:fachplan:problem:not-found"));
    }
}
