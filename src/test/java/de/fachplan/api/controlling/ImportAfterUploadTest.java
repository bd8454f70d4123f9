package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.controller;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import de.fachplan.api.support.HourlyPolls;
import de.fachplan.api.support.Polling;

/**
 * An import job starts when its upload commits, not at the worker's next poll: with a poll of an
 * hour (whose first look ran when the application started), only the upload can have started it.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(HourlyPolls.class)
class ImportAfterUploadTest {

    private static final String IMPORTS = "/api/v1/indicator-value-imports";

    @Test
    void eachUploadedJobRunsWithoutWaitingForThePoll() {
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"S\"");
        for (int year = 2001; year <= 2002; year++) {
            StringBuilder csv = new StringBuilder("indicator,period,value\r\n");
            for (int month = 1; month <= 12; month++) {
                csv.append(indicator).append(',').append(year).append('-').append(String.format("%02d", month))
                        .append(',').append(month).append("\r\n");
            }
            String location = controller().contentType("text/csv").body(csv.toString()).post(IMPORTS).then()
                    .statusCode(202).extract().header("Location");
            Polling.eventually(Duration.ofSeconds(20), () -> controller().get(location).then().statusCode(200)
                    .extract().<String>path("state").equals("SUCCEEDED"));
            assertEquals(12, (int) controller().get(location).then().extract().path("appliedRows"));
        }
    }
}
