package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import de.fachplan.api.support.BackgroundWork;

/**
 * A page of measures with all their relations costs at most two SQL statements, whatever its size:
 * its ids, and the measures no earlier page read since the data last changed. A page that is read
 * again while nothing changed costs none.
 */
@QuarkusTest
@Tag("integration")
class MeasureQueryCountTest {

    private static String organisation;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    Scheduler scheduler;

    /** REST Assured knows the test port only once a test runs, so the data is made before the first. */
    @BeforeEach
    void createHundredMeasuresWithRelations() {
        if (organisation != null) {
            return;
        }
        organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Verband QueryCount\",\"type\":\"WELFARE_ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        // Every measure gets other partners and relations, so that no session cache hides a query per row.
        List<String> partners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            partners.add(editor().contentType(ContentType.JSON)
                    .body("{\"name\":\"Beispiel-Verein QueryCount " + i + "\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                    .post("/api/v1/organisations").then().statusCode(201).extract().path("id"));
        }
        String[] fields = { "M", "R", "B", "W", "S", "F", "G", "P", "Q", "C" };
        String[] groups = { "WOMEN", "ASYLUM_SEEKERS", "FAMILIES_WITH_CHILDREN", "UNACCOMPANIED_MINORS", "TOLERATED_PERSONS" };
        String[] districts = { "COTTA", "PLAUEN", "PROHLIS", "NEUSTADT", "LEUBEN", "PIESCHEN" };
        String[] guidelines = { "L1", "L2", "L3" };
        for (int i = 0; i < 100; i++) {
            editor().contentType(ContentType.JSON)
                    .body("{\"actionField\":\"" + fields[i % 10] + "\",\"title\":\"Maßnahme " + i + "\","
                            + "\"leadOrganisationId\":\"" + organisation + "\","
                            + "\"partners\":[{\"organisationId\":\"" + partners.get(i % 20) + "\",\"role\":\"IMPLEMENTING\"},"
                            + "{\"organisationId\":\"" + partners.get((i + 7) % 20) + "\",\"role\":\"FUNDING\"}],"
                            + "\"guidelines\":[\"" + guidelines[i % 3] + "\"],"
                            + "\"targetGroups\":[\"" + groups[i % 5] + "\",\"" + groups[(i + 2) % 5] + "\"],"
                            + "\"districts\":[\"" + districts[i % 6] + "\",\"" + districts[(i + 1) % 6] + "\"]}")
                    .post("/api/v1/measures").then().statusCode(201);
        }
    }

    private long statementsFor(int limit) {
        sessionFactory.getStatistics().clear();
        anonymous().queryParam("organisation", organisation).queryParam("limit", limit).get("/api/v1/measures")
                .then().statusCode(200).body("items", hasSize(limit));
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    @Test
    void aPageCostsItsIdsAndTheMeasuresNoEarlierPageReadAndARepeatedPageNone() {
        BackgroundWork.pausedWhile(scheduler, () -> {
            statementsFor(7);
            assertEquals(1, statementsFor(5), "statements for a new page of 5 measures an earlier page read");
            assertEquals(2, statementsFor(100), "statements for a page of 100 measures, 93 of them not read before");
            assertEquals(0, statementsFor(100), "statements for a page read again while nothing changed");
        });
    }

    @Test
    void aComputationOrARefusedWriteKeepsTheKeptPagesAndAWriteDropsThem() {
        BackgroundWork.pausedWhile(scheduler, () -> {
            statementsFor(20);
            assertEquals(0, statementsFor(20), "a page read again");
            anonymous().contentType(ContentType.JSON).body("{\"from\":\"2019-03\",\"to\":\"2019-06\","
                    + "\"parameters\":{\"monthlyAllocations\":120,\"departureRate\":0.025,\"targetOccupancy\":0.85,"
                    + "\"reserveShare\":0.1}}").post("/api/v1/capacity-chart/what-if").then().statusCode(200);
            assertEquals(0, statementsFor(20), "a page read again after a what-if");
            invalid(anonymous()).contentType(ContentType.JSON).body("{\"name\":\"Ohne Schlüssel\",\"type\":\"ASSOCIATION\"}")
                    .post("/api/v1/organisations").then().statusCode(401);
            assertEquals(0, statementsFor(20), "a page read again after a refused write");
            editor().contentType(ContentType.JSON).body("{\"name\":\"Beispiel-Verein QueryCount neu\","
                    + "\"type\":\"ASSOCIATION\",\"illustrative\":true}").post("/api/v1/organisations").then()
                    .statusCode(201);
            assertEquals(2, statementsFor(20), "a page read again after a write");
        });
    }
}
