package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@Tag("integration")
class ValueBatchesTest {

    private String indicator;

    @BeforeEach
    void newIndicator() {
        indicator = ControllingFixtures.indicator("\"unit\":\"PERCENT\",\"direction\":\"TARGET_RANGE\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"W\"");
    }

    private String item(String reference, String period, String value) {
        return "{\"reference\":\"" + reference + "\",\"indicator\":\"" + indicator + "\",\"period\":\"" + period
                + "\",\"value\":" + value + "}";
    }

    private int stored() {
        return controller().queryParam("indicator", indicator).queryParam("limit", 200).get("/api/v1/indicator-values")
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void eachItemIsAppliedOnItsOwnAndAnOpenValueIsChanged() {
        controller().contentType(ContentType.JSON)
                .body("{\"items\":[" + item("a", "2021-01", "80") + "," + item("b", "2021-02", "180") + "]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(207)
                .body("items.reference", contains("a", "b")).body("items.status", contains(201, 422))
                .body("items[1].problem.errors[0].pointer", equalTo("/value"));
        controller().contentType(ContentType.JSON)
                .body("{\"items\":[{\"reference\":\"a\",\"indicator\":\"" + indicator
                        + "\",\"period\":\"2021-01\",\"value\":81,\"state\":\"SUBMITTED\"}]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(207).body("items[0].status", equalTo(200));
        controller().queryParam("indicator", indicator).get("/api/v1/indicator-values").then()
                .body("items.value", contains(81)).body("items.state", contains("SUBMITTED"));
    }

    @Test
    void allOrNothingWritesNothingWhenOneItemFails() {
        controller().contentType(ContentType.JSON).queryParam("allOrNothing", true)
                .body("{\"items\":[" + item("a", "2021-01", "80") + "," + item("b", "2021", "70") + "]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(207)
                .body("allOrNothing", equalTo(true)).body("items.status", contains(424, 422))
                .body("items[0].problem.type", equalTo("urn:fachplan:problem:not-written"));
        org.junit.jupiter.api.Assertions.assertEquals(0, stored());
        controller().contentType(ContentType.JSON).queryParam("allOrNothing", true)
                .body("{\"items\":[" + item("a", "2021-01", "80") + "," + item("b", "2021-02", "70") + "]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(207).body("items.status", contains(201, 201));
        org.junit.jupiter.api.Assertions.assertEquals(2, stored());
    }

    @Test
    void aDryRunChecksEveryItemAndWritesNothing() {
        controller().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body("{\"items\":[" + item("a", "2021-01", "80") + "," + item("b", "2021-Q1", "70") + "]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(207)
                .body("dryRun", equalTo(true)).body("items.status", contains(201, 422));
        org.junit.jupiter.api.Assertions.assertEquals(0, stored());
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheAnswer() {
        String key = UUID.randomUUID().toString();
        String body = "{\"items\":[" + item("a", "2021-03", "75") + "]}";
        String first = controller().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/indicator-value-batches").then().statusCode(207).extract().path("items[0].valueId");
        controller().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/indicator-value-batches").then().statusCode(207).header("Idempotency-Replayed", "true")
                .body("items[0].valueId", equalTo(first)).body("items[0].status", equalTo(201));
    }

    @Test
    void aCsvUploadAnswersPerRowWithRowNumberAndColumn() {
        String csv = "reference,indicator,period,district,value,note\r\n"
                + "r1," + indicator + ",2021-04,,77.5,\"Zählung, \"\"vor Ort\"\"\"\r\n"
                + "r2," + indicator + ",2021-05,PROHLIS,sieben,\r\n"
                + "r3," + indicator + ",2021-06,NIRGENDWO,70,\r\n";
        controller().contentType("text/csv").body(csv).post("/api/v1/indicator-value-imports").then().statusCode(207)
                .body("items.row", contains(2, 3, 4)).body("items.status", contains(201, 422, 422))
                .body("items[1].problem.errors[0].pointer", equalTo("/value"))
                .body("items[2].problem.errors[0].pointer", equalTo("/district"));
        controller().queryParam("indicator", indicator).get("/api/v1/indicator-values").then()
                .body("items.note", contains("Zählung, \"vor Ort\""));
    }

    @Test
    void anUploadWithAnUnknownColumnIsRefusedAsAWhole() {
        invalid(controller()).contentType("text/csv").body("indicator,period,wert\r\n" + indicator + ",2021-01,5\r\n")
                .post("/api/v1/indicator-value-imports").then().statusCode(400)
                .body("errors[0].pointer", equalTo("#/body/row/1"));
        controller().queryParam("indicator", indicator).get("/api/v1/indicator-values").then().body("items", empty());
        invalid(controller()).contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/api/v1/indicator-value-batches").then().statusCode(422);
    }
}
