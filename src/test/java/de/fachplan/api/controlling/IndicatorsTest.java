package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import de.fachplan.api.support.Api;

@QuarkusTest
@Tag("integration")
class IndicatorsTest {

    private static String organisation;
    private static String partnerKey;
    private static String measure;

    @BeforeEach
    void setUp() {
        if (organisation != null) {
            return;
        }
        organisation = Api.organisation("Beispiel-Träger Kennzahlen");
        partnerKey = Api.partnerKey(organisation);
        measure = ControllingFixtures.measure();
    }

    @Test
    void aControllerDefinesAnIndicatorOfAMeasureAndReadsItBackByCode() {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String location = controller().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":{\"de\":\"Beratene Personen\",\"en\":\"Persons counselled\"},"
                        + "\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"QUARTERLY\","
                        + "\"measure\":\"" + measure + "\",\"reportingOrganisation\":\"" + organisation + "\","
                        + "\"baseline\":{\"period\":\"2019-Q3\",\"value\":420},"
                        + "\"targets\":[{\"period\":\"2020-Q2\",\"value\":520},{\"period\":\"2020-Q1\",\"value\":500}]}")
                .post("/api/v1/indicators").then().statusCode(201).header("ETag", "\"0\"")
                .body("actionField", equalTo("C")).body("measure", equalTo(measure))
                .body("targets.period", contains("2020-Q1", "2020-Q2"))
                .extract().header("Location");
        editor().get("/api/v1/indicators/" + code).then().statusCode(200)
                .body("reportingOrganisation.id", equalTo(organisation)).body("baseline.value", equalTo(420))
                .body("name.en", equalTo("Persons counselled"));
        editor().get(location.substring(location.indexOf("/api/v1/"))).then().statusCode(200).body("code", equalTo(code));
    }

    @Test
    void aChangeOfTargetsAloneMakesANewVersion() {
        String code = ControllingFixtures.indicator("\"unit\":\"PERCENT\",\"direction\":\"TARGET_RANGE\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"W\",\"targets\":[{\"period\":\"2020-01\",\"min\":70,\"max\":85}]}");
        String etag = editor().get("/api/v1/indicators/" + code).then().extract().header("ETag");
        String changed = controller().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"targets\":[{\"period\":\"2020-02\",\"min\":75,\"max\":85.5}]}")
                .patch("/api/v1/indicators/" + code).then().statusCode(200)
                .body("targets[0].max", equalTo(85.5f)).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(etag, changed);
        invalid(controller()).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"illustrative\":true}")
                .patch("/api/v1/indicators/" + code).then().statusCode(412);
    }

    @Test
    void aPatchWithoutTargetsKeepsThemAndANullEmptiesThem() {
        String code = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"W\",\"targets\":[{\"period\":\"2020\",\"value\":120}]}");
        String etag = editor().get("/api/v1/indicators/" + code).then().extract().header("ETag");
        String kept = controller().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"illustrative\":true}")
                .patch("/api/v1/indicators/" + code).then().statusCode(200)
                .body("targets.period", contains("2020")).extract().header("ETag");
        String tooMany = "[" + "{\"period\":\"2020\",\"value\":1},".repeat(240) + "{\"period\":\"2021\",\"value\":1}]";
        invalid(controller()).contentType(MERGE_PATCH).header("If-Match", kept).body("{\"targets\":" + tooMany + "}")
                .patch("/api/v1/indicators/" + code).then().statusCode(422).body("errors[0].pointer", equalTo("/targets"));
        controller().contentType(MERGE_PATCH).header("If-Match", kept).body("{\"targets\":null}")
                .patch("/api/v1/indicators/" + code).then().statusCode(200).body("targets", hasSize(0));
    }

    @Test
    void targetsAndBaselineMustFitFrequencyUnitAndDirection() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"T-BAD1\",\"name\":{\"de\":\"x\"},\"unit\":\"PERCENT\",\"direction\":\"HIGHER_IS_BETTER\","
                        + "\"frequency\":\"YEARLY\",\"actionField\":\"C\",\"baseline\":{\"period\":\"2019-Q1\",\"value\":5},"
                        + "\"targets\":[{\"period\":\"2020\",\"value\":120},{\"period\":\"2021\",\"min\":1,\"max\":2}]}")
                .post("/api/v1/indicators").then().statusCode(422)
                .body("type", equalTo("urn:fachplan:problem:validation-failed"))
                .body("errors.pointer", hasItem("/baseline/period")).body("errors.pointer", hasItem("/targets/0/value"))
                .body("errors.pointer", hasItem("/targets/1"));
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"T-BAD2\",\"name\":{\"de\":\"x\"},\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                        + "\"frequency\":\"YEARLY\"}")
                .post("/api/v1/indicators").then().statusCode(422).body("errors.pointer", hasItem("/actionField"));
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"T-BAD3\",\"name\":{\"de\":\"x\"},\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                        + "\"frequency\":\"YEARLY\",\"actionField\":\"W\",\"measure\":\"" + measure + "\"}")
                .post("/api/v1/indicators").then().statusCode(422)
                .body("errors[0].detail", startsWith("must be the measure's action field"));
    }

    @Test
    void aSecondIndicatorWithTheSameCodeIsAConflict() {
        String code = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":{\"de\":\"x\"},\"unit\":\"COUNT\","
                        + "\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"YEARLY\",\"actionField\":\"C\"}")
                .post("/api/v1/indicators").then().statusCode(409);
    }

    @Test
    void partnersSeeOnlyTheIndicatorsTheirOrganisationReportsAndDefineNone() {
        String own = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\",\"reportingOrganisation\":\"" + organisation + "\"");
        String foreign = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"actionField\":\"C\"");
        as(partnerKey).queryParam("limit", 200).get("/api/v1/indicators").then().statusCode(200)
                .body("items.code", hasItem(own)).body("items.code", not(hasItem(foreign)));
        invalid(as(partnerKey)).get("/api/v1/indicators/" + foreign).then().statusCode(404);
        invalid(as(partnerKey)).contentType(ContentType.JSON)
                .body("{\"code\":\"T-PARTNER\",\"name\":{\"de\":\"x\"},\"unit\":\"COUNT\","
                        + "\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"YEARLY\",\"actionField\":\"C\"}")
                .post("/api/v1/indicators").then().statusCode(403);
        invalid(anonymous()).get("/api/v1/indicators").then().statusCode(401);
    }
}
