package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Attainment per period and the dashboard roll-up, on indicators of measures this class creates. */
@QuarkusTest
@Tag("integration")
class ControllingReportTest {

    private static String onTrackMeasure;
    private static String mixedMeasure;
    private static String counselled;
    private static String occupancy;
    private static String volunteers;

    @BeforeEach
    void setUp() {
        if (onTrackMeasure != null) {
            return;
        }
        onTrackMeasure = ControllingFixtures.measure();
        mixedMeasure = ControllingFixtures.measure();
        counselled = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"QUARTERLY\",\"measure\":\"" + onTrackMeasure + "\","
                + "\"targets\":[{\"period\":\"2020-Q3\",\"value\":500},{\"period\":\"2020-Q4\",\"value\":500}]");
        occupancy = ControllingFixtures.indicator("\"unit\":\"PERCENT\",\"direction\":\"TARGET_RANGE\","
                + "\"frequency\":\"MONTHLY\",\"measure\":\"" + mixedMeasure + "\","
                + "\"targets\":[{\"period\":\"2020-12\",\"min\":70,\"max\":85}]");
        volunteers = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"measure\":\"" + mixedMeasure + "\","
                + "\"targets\":[{\"period\":\"2020\",\"value\":200}]");
        approved(counselled, "2020-Q3", "400");
        approved(counselled, "2020-Q4", "512");
        approved(occupancy, "2020-12", "50");
        // A draft does not count: the yearly indicator has no approved value for 2020.
        controller().contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + volunteers + "\",\"period\":\"2020\",\"value\":210}")
                .post("/api/v1/indicator-values").then().statusCode(201);
    }

    private static String approved(String indicator, String period, String value) {
        String id = controller().contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + indicator + "\",\"period\":\"" + period + "\",\"value\":" + value
                        + ",\"state\":\"SUBMITTED\"}")
                .post("/api/v1/indicator-values").then().statusCode(201).extract().path("id");
        controller().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"state\":\"APPROVED\"}")
                .patch("/api/v1/indicator-values/" + id).then().statusCode(200);
        return id;
    }

    @Test
    void anApprovedValueCountsWhileItsCorrectionWaitsAndTheReportSaysSo() {
        String measure = ControllingFixtures.measure();
        String corrected = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"YEARLY\",\"measure\":\"" + measure + "\","
                + "\"targets\":[{\"period\":\"2020\",\"value\":100}]");
        String id = approved(corrected, "2020", "120");
        controller().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"value\":90,\"reason\":\"Doppelt gezählte Ehrenamtliche\"}")
                .post("/api/v1/indicator-values/" + id + "/revisions").then().statusCode(201)
                .body("state", equalTo("SUBMITTED"));
        controller().queryParam("period", "2020").get("/api/v1/controlling-report").then().statusCode(200)
                .body("indicators.find { it.indicator == '" + corrected + "' }.actual", equalTo(120))
                .body("indicators.find { it.indicator == '" + corrected + "' }.status", equalTo("ON_TRACK"))
                .body("indicators.find { it.indicator == '" + corrected + "' }.correctionPending", equalTo(true))
                .body("indicators.find { it.indicator == '" + counselled + "' }.correctionPending", equalTo(false));
        controller().get("/api/v1/indicators/" + corrected + "/attainment").then().statusCode(200)
                .body("periods[0].actual", equalTo(120)).body("periods[0].correctionPending", equalTo(true));
    }

    @Test
    void attainmentIsGivenPerPeriodWithItsTrafficLight() {
        controller().get("/api/v1/indicators/" + counselled + "/attainment").then().statusCode(200)
                .body("periods.period", contains("2020-Q3", "2020-Q4"))
                .body("periods.attainment", contains(0.8f, 1.024f))
                .body("periods.status", contains("AT_RISK", "ON_TRACK"));
        controller().queryParam("periodFrom", "2020-Q4").get("/api/v1/indicators/" + counselled + "/attainment").then()
                .statusCode(200).body("periods.period", contains("2020-Q4"));
        controller().get("/api/v1/indicators/" + occupancy + "/attainment").then().statusCode(200)
                .body("periods[0].targetMax", equalTo(85)).body("periods[0].status", equalTo("OFF_TRACK"));
    }

    @Test
    void theReportRollsIndicatorsUpToMeasuresActionFieldsAndThePlan() {
        var report = controller().queryParam("period", "2020").get("/api/v1/controlling-report").then().statusCode(200)
                .body("period", equalTo("2020"))
                .body("indicators.find { it.indicator == '" + counselled + "' }.period", equalTo("2020-Q4"))
                .body("indicators.find { it.indicator == '" + counselled + "' }.status", equalTo("ON_TRACK"))
                .body("indicators.find { it.indicator == '" + occupancy + "' }.status", equalTo("OFF_TRACK"))
                .body("indicators.find { it.indicator == '" + volunteers + "' }.status", equalTo("WITHOUT_DATA"))
                .body("measures.find { it.code == '" + onTrackMeasure + "' }.status", equalTo("ON_TRACK"))
                .body("measures.find { it.code == '" + mixedMeasure + "' }.status", equalTo("OFF_TRACK"))
                .body("measures.find { it.code == '" + mixedMeasure + "' }.totals.offTrack", equalTo(1))
                .body("measures.find { it.code == '" + mixedMeasure + "' }.totals.withoutData", equalTo(1))
                .body("actionFields.find { it.code == 'C' }.measuresByStatus.onTrack", hasItem(onTrackMeasure))
                .body("actionFields.find { it.code == 'C' }.measuresByStatus.offTrack", hasItem(mixedMeasure))
                .body("actionFields.find { it.code == 'C' }.measuresByStatus.onTrack", not(hasItem(mixedMeasure)))
                .body("actionFields.code", hasItem("M")).extract();
        int indicators = report.path("indicators.size()");
        int counted = (Integer) report.path("totals.onTrack") + (Integer) report.path("totals.atRisk")
                + (Integer) report.path("totals.offTrack") + (Integer) report.path("totals.withoutData");
        org.junit.jupiter.api.Assertions.assertEquals(indicators, counted);
    }

    @Test
    void theReportIsForStaffAndNeedsAPeriod() {
        String organisation = organisation("Beispiel-Träger Bericht");
        invalid(as(partnerKey(organisation))).queryParam("period", "2020")
                .get("/api/v1/controlling-report").then().statusCode(403);
        invalid(controller()).queryParam("period", "2020-13").get("/api/v1/controlling-report").then().statusCode(400);
        invalid(controller()).get("/api/v1/controlling-report").then().statusCode(400);
    }
}
