package de.fachplan.api.common.time;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Periods the service cannot represent are refused where they come in, and a row that holds one
 * anyway (written around the service) does not take a public read down: it is left out.
 */
@QuarkusTest
@Tag("integration")
class PeriodsThroughTheApiTest {

    private static final String PARAMETERS = "{\"monthlyAllocations\":40,\"departureRate\":0.1,"
            + "\"targetOccupancy\":0.8,\"reserveShare\":0.25}";

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = { "0000", "0999-Q1", "0999", "0100-H1", "0001-01" })
    void aCitywideFigureOfAYearBelow1000IsA422(String period) {
        invalid(editor()).contentType(ContentType.JSON).body("{\"period\":\"" + period + "\",\"allocations\":1}")
                .post("/api/v1/citywide-figures").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/period"));
    }

    @Test
    void aReportPeriodOfAYearBelow1000IsA400NotA500() {
        invalid(controller()).queryParam("period", "0000").get("/api/v1/controlling-report").then().statusCode(400)
                .body("errors[0].pointer", equalTo("#/query/period"));
    }

    @Test
    void anIndicatorValueOfAYearBelow1000IsA422() {
        String indicator = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        editor().contentType(ContentType.JSON).body("{\"code\":\"" + indicator + "\",\"name\":{\"de\":\"Testkennzahl\"},"
                + "\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"YEARLY\",\"actionField\":\"M\"}")
                .post("/api/v1/indicators").then().statusCode(201);
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"indicator\":\"" + indicator + "\",\"period\":\"0999\",\"value\":3}")
                .post("/api/v1/indicator-values").then().statusCode(422).body("errors[0].pointer", equalTo("/period"));
    }

    @Test
    void aStoredCitywideFigureThatNoLongerReadsLeavesThePublicChartsUp() throws Exception {
        editor().contentType(ContentType.JSON).body("{\"period\":\"2093-03\",\"personsHoused\":900,\"places\":1200}")
                .post("/api/v1/citywide-figures").then().statusCode(201);
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO citywide_figure (municipality, period, granularity, period_start, period_end, allocations)"
                        + " VALUES ('Dresden', ?, ?, ?::date, ?::date, 5)")) {
            // What older versions stored for 0000 and 0999-Q1.
            for (String[] row : new String[][] { { "0", "YEAR", "0001-01-01", "0001-12-01" },
                    { "999-Q1", "QUARTER", "0999-01-01", "0999-03-01" } }) {
                for (int i = 0; i < row.length; i++) {
                    insert.setString(i + 1, row[i]);
                }
                insert.executeUpdate();
            }
        }
        String scenario = "P_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        controller().contentType(ContentType.JSON).body("{\"code\":\"" + scenario + "\",\"name\":\"Testszenario\","
                + "\"issuedOn\":\"2093-01-10\",\"parameters\":" + PARAMETERS + "}")
                .post("/api/v1/forecast-scenarios").then().statusCode(201);
        anonymous().queryParam("scenario", scenario).queryParam("from", "2093-01").queryParam("to", "2093-06")
                .get("/api/v1/capacity-chart").then().statusCode(200).body("lastActualMonth", equalTo("2093-03"));
        anonymous().contentType(ContentType.JSON).body("{\"from\":\"2093-01\",\"to\":\"2093-06\",\"parameters\":"
                + PARAMETERS + "}")
                .post("/api/v1/capacity-chart/what-if").then().statusCode(200)
                .body("lastActualMonth", equalTo("2093-03"));
        anonymous().queryParam("from", "2093-01").queryParam("to", "2093-06").get("/api/v1/capacity-by-district").then()
                .statusCode(200);
    }

    @Test
    void aChartRangeOfAYearBelow1000IsRefused() {
        invalid(anonymous()).queryParam("from", "0999-01").queryParam("to", "0999-06").get("/api/v1/capacity-by-district")
                .then().statusCode(422).body("errors[0].pointer", equalTo("#/query/from"));
    }

    @Test
    void aStoredTargetThatNoLongerReadsIsLeftOutOfTheAttainment() throws Exception {
        String indicator = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        editor().contentType(ContentType.JSON).body("{\"code\":\"" + indicator + "\",\"name\":{\"de\":\"Testkennzahl\"},"
                + "\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"YEARLY\",\"actionField\":\"M\","
                + "\"targets\":[{\"period\":\"2021\",\"value\":10}]}")
                .post("/api/v1/indicators").then().statusCode(201);
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO indicator_target (indicator_id, period, value) SELECT id, '0', 5 FROM indicator WHERE code = ?")) {
            insert.setString(1, indicator);
            insert.executeUpdate();
        }
        controller().get("/api/v1/indicators/" + indicator + "/attainment").then().statusCode(200)
                .body("periods.period", hasItem("2021")).body("periods.period", not(hasItem("0")));
        controller().queryParam("period", "2021").get("/api/v1/controlling-report").then().statusCode(200);
    }
}
