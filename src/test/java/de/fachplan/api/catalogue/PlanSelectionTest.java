package de.fachplan.api.catalogue;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Several plans live side by side, each with its own action fields; codes resolve within the plan
 * the client names, and the most recently adopted plan is the default. Plans are made by
 * migrations, so this test writes an older plan into the database directly (older, so that the
 * default for the other test classes stays the Dresden plan).
 */
@QuarkusTest
@Tag("integration")
class PlanSelectionTest {

    private static final String OLDER = "TEST-FP-2010";

    @Inject
    EntityManager em;

    @BeforeEach
    void createOlderPlan() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Plan.count("code", OLDER) > 0) {
                return;
            }
            Plan plan = new Plan();
            plan.code = OLDER;
            plan.title = "Fachplan Testvorgänger";
            plan.municipality = "Dresden";
            plan.adoptedOn = LocalDate.of(2010, 1, 1);
            plan.validFrom = LocalDate.of(2010, 1, 1);
            em.persist(plan);
            ActionField field = new ActionField();
            field.plan = plan;
            field.code = "W";
            field.nameDe = "Wohnen";
            field.position = 1;
            em.persist(field);
        });
    }

    @Test
    void codesResolveWithinTheNamedPlanAndTheNewestPlanIsTheDefault() {
        anonymous().get("/api/v1/plans").then().statusCode(200)
                .body("items[0].code", equalTo("DD-FAI-2022")).body("items[1].code", equalTo(OLDER));
        anonymous().get("/api/v1/action-fields").then().body("items.code", hasSize(10));
        anonymous().queryParam("plan", OLDER).get("/api/v1/action-fields").then().body("items.code", contains("W"));
        anonymous().queryParam("plan", "DD-FAI-2022").get("/api/v1/action-fields/W").then()
                .body("name.de", equalTo("Unterbringung und Wohnen"));
        anonymous().queryParam("plan", OLDER).get("/api/v1/action-fields/W").then()
                .body("name.de", equalTo("Wohnen"));

        String code = editor().contentType(ContentType.JSON)
                .body("{\"plan\":\"" + OLDER + "\",\"actionField\":\"W\",\"title\":\"Wohnen im Quartier\"}")
                .post("/api/v1/measures").then().statusCode(201).body("plan", equalTo(OLDER))
                .extract().path("code");
        anonymous().queryParam("plan", OLDER).get("/api/v1/measures/" + code).then().statusCode(200)
                .body("title", equalTo("Wohnen im Quartier"));
        anonymous().queryParam("plan", OLDER).get("/api/v1/measures").then()
                .body("items.title", contains("Wohnen im Quartier"));
    }
}
