package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import de.fachplan.api.support.Api;

@QuarkusTest
@Tag("integration")
class IndicatorValuesTest {

    private static String organisation;
    private static String partnerKey;
    private static String quarterly;
    private static String percent;
    private static String foreign;

    @BeforeEach
    void setUp() {
        if (organisation != null) {
            return;
        }
        organisation = Api.organisation("Beispiel-Träger Meldungen");
        partnerKey = Api.partnerKey(organisation);
        quarterly = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"QUARTERLY\",\"actionField\":\"M\",\"reportingOrganisation\":\"" + organisation + "\"");
        percent = ControllingFixtures.indicator("\"unit\":\"PERCENT\",\"direction\":\"TARGET_RANGE\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"W\",\"reportingOrganisation\":\"" + organisation + "\"");
        foreign = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
    }

    private static ValidatableResponse report(RequestSpecification as, String body) {
        return as.contentType(ContentType.JSON).body(body).post("/api/v1/indicator-values").then();
    }

    private static String etag(String id) {
        return controller().get("/api/v1/indicator-values/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aPartnerReportsAndSubmitsAControllerApprovesAndTheApprovedValueIsLocked() {
        String id = report(as(partnerKey), "{\"indicator\":\"" + quarterly + "\",\"period\":\"2020-Q1\",\"value\":512}")
                .statusCode(201).body("state", equalTo("DRAFT")).body("revision", equalTo(1))
                .body("periodStart", equalTo("2020-01-01")).extract().path("id");
        as(partnerKey).contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"SUBMITTED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200).body("state", equalTo("SUBMITTED"));
        invalid(as(partnerKey)).contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(403);
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(403);
        controller().contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200).body("state", equalTo("APPROVED"));
        invalid(as(partnerKey)).contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"value\":515}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(409);
        invalid(as(partnerKey)).header("If-Match", etag(id)).delete("/api/v1/indicator-values/" + id).then()
                .statusCode(409);
        invalid(controller()).delete("/api/v1/indicator-values/" + id).then().statusCode(428);
        invalid(controller()).contentType(ContentType.JSON).body("{\"value\":1,\"reason\":\"x\"}")
                .post("/api/v1/indicator-values/" + id + "/revisions").then().statusCode(428);
    }

    @Test
    void aCorrectionOfAnApprovedValueIsANewRevisionWithAReasonAndTheApprovedOneStaysReadable() {
        String id = report(controller(), "{\"indicator\":\"" + quarterly + "\",\"period\":\"2020-Q2\","
                + "\"value\":300,\"state\":\"SUBMITTED\"}").statusCode(201).extract().path("id");
        controller().contentType(MERGE_PATCH).header("If-Match", etag(id)).body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200);
        invalid(as(partnerKey)).contentType(ContentType.JSON).header("If-Match", etag(id)).body("{\"value\":310}")
                .post("/api/v1/indicator-values/" + id + "/revisions").then().statusCode(422);
        as(partnerKey).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body("{\"value\":310,\"reason\":\"Nachmeldung eines Standorts\"}")
                .post("/api/v1/indicator-values/" + id + "/revisions").then().statusCode(201)
                .body("revision", equalTo(2)).body("state", equalTo("SUBMITTED")).body("value", equalTo(310))
                .body("revisionReason", equalTo("Nachmeldung eines Standorts"));
        controller().get("/api/v1/indicator-values/" + id + "/revisions").then().statusCode(200)
                .body("items.revision", contains(1, 2)).body("items.value", contains(300, 310))
                .body("items.state", contains("APPROVED", "SUBMITTED"))
                .body("items[0].approvedBy", equalTo("api-key:test controller"));
    }

    @Test
    void valuesMustFitUnitPeriodAndDistrict() {
        invalid(controller()).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + quarterly + "\",\"period\":\"2020\",\"value\":1.5,\"district\":\"NOWHERE\"}")
                .post("/api/v1/indicator-values").then().statusCode(422)
                .body("errors.pointer", contains("/period", "/value", "/district"));
        invalid(controller()).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + quarterly + "\",\"period\":\"2020-Q3\",\"value\":-1}")
                .post("/api/v1/indicator-values").then().statusCode(422).body("errors.pointer", contains("/value"));
        invalid(controller()).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + percent + "\",\"period\":\"2020-03\",\"value\":100.5}")
                .post("/api/v1/indicator-values").then().statusCode(422)
                .body("errors[0].detail", equalTo("must be between 0 and 100 for unit PERCENT"));
        report(controller(), "{\"indicator\":\"" + percent + "\",\"period\":\"2020-03\",\"value\":82.25,"
                + "\"district\":\"PROHLIS\"}").statusCode(201).body("district", equalTo("PROHLIS"));
        invalid(controller()).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + percent + "\",\"period\":\"2020-03\",\"value\":80,\"district\":\"PROHLIS\"}")
                .post("/api/v1/indicator-values").then().statusCode(409);
    }

    @Test
    void aWithdrawnValueIsATombstoneAndCanBeReportedAgainAsItsNextRevision() {
        String id = report(as(partnerKey), "{\"indicator\":\"" + quarterly + "\",\"period\":\"2021-Q1\",\"value\":40}")
                .statusCode(201).extract().path("id");
        as(partnerKey).header("If-Match", etag(id)).delete("/api/v1/indicator-values/" + id).then().statusCode(204);
        controller().get("/api/v1/indicator-values/" + id).then().statusCode(200)
                .body("state", equalTo("WITHDRAWN")).body("deleted", equalTo(true)).body("revision", equalTo(2));
        controller().queryParam("indicator", quarterly).queryParam("limit", 200).get("/api/v1/indicator-values").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        report(as(partnerKey), "{\"indicator\":\"" + quarterly + "\",\"period\":\"2021-Q1\",\"value\":42}")
                .statusCode(201).body("id", equalTo(id)).body("revision", equalTo(3)).body("deleted", equalTo(false));
    }

    @Test
    void aPartnerCannotReportOrReadAnotherOrganisationsIndicator() {
        String id = report(controller(), "{\"indicator\":\"" + foreign + "\",\"period\":\"2020\",\"value\":1}")
                .statusCode(201).extract().path("id");
        invalid(as(partnerKey)).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + foreign + "\",\"period\":\"2021\",\"value\":1}")
                .post("/api/v1/indicator-values").then().statusCode(404);
        invalid(as(partnerKey)).get("/api/v1/indicator-values/" + id).then().statusCode(404);
        as(partnerKey).queryParam("limit", 200).get("/api/v1/indicator-values").then().statusCode(200)
                .body("items.indicator", not(hasItem(foreign)));
    }

    @Test
    void theChangeFeedShowsAPartnerTheChangesOfTheValuesItReportsOnly() {
        String own = report(as(partnerKey), "{\"indicator\":\"" + quarterly + "\",\"period\":\"2022-Q1\",\"value\":9}")
                .statusCode(201).extract().path("id");
        String other = report(controller(), "{\"indicator\":\"" + foreign + "\",\"period\":\"2022\",\"value\":9}")
                .statusCode(201).extract().path("id");
        controller().queryParam("types", "indicator-value").queryParam("limit", 200).get("/api/v1/changes").then()
                .statusCode(200).body("items.resourceId", hasItem(other));
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            var request = as(partnerKey).queryParam("types", "indicator-value").queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/changes").then().statusCode(200).extract();
            seen.addAll(page.path("items.resourceId"));
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen.contains(own));
        org.junit.jupiter.api.Assertions.assertFalse(seen.contains(other));
    }
}
