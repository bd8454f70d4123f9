package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.controller;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import de.fachplan.api.support.Api;
import de.fachplan.api.support.BackgroundWork;

/**
 * A page of indicators with their plan, field, measure, reporting organisation and targets costs
 * the same few statements whatever its size: the associations come with the page, not one by one.
 */
@QuarkusTest
@Tag("integration")
class IndicatorQueryCountTest {

    private static final int INDICATORS = 30;

    /**
     * The caller's key, the plan, the page's ids, and the page with everything it shows. Loaded
     * association by association (batched), the same page took 8.
     */
    private static final long STATEMENTS = 4;

    private static String organisation;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    Scheduler scheduler;

    /** Every indicator has its own measure and targets, so that no session cache hides a query per row. */
    @BeforeEach
    void createIndicatorsOfOneReportingOrganisation() {
        if (organisation != null) {
            return;
        }
        organisation = Api.organisation("Beispiel-Träger Kennzahlenseite");
        for (int i = 0; i < INDICATORS; i++) {
            ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"YEARLY\","
                    + "\"measure\":\"" + ControllingFixtures.measure() + "\",\"reportingOrganisation\":\"" + organisation
                    + "\",\"targets\":[{\"period\":\"2020\",\"value\":" + i + "},{\"period\":\"2021\",\"value\":" + (i + 1)
                    + "}]");
        }
    }

    private long statementsFor(int limit) {
        sessionFactory.getStatistics().clear();
        controller().accept(ContentType.JSON).queryParam("organisation", organisation).queryParam("limit", limit)
                .get("/api/v1/indicators").then().statusCode(200).body("items", hasSize(limit))
                .body("items.measure", everyItem(notNullValue())).body("items.targets", everyItem(hasSize(2)));
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    @Test
    void aPageComesWithItsAssociationsInOneStatementWhateverItsSize() {
        BackgroundWork.pausedWhile(scheduler, () -> {
            statementsFor(3);
            assertEquals(STATEMENTS, statementsFor(2), "statements for a page of 2 indicators");
            assertEquals(STATEMENTS, statementsFor(INDICATORS), "statements for a page of 30 indicators");
        });
    }
}
