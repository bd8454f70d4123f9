package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import de.fachplan.api.support.Api;

/**
 * A caller has at most three import jobs queued or running. The backlog is written directly as
 * jobs a replica holds (a lease of an hour), so that no worker finishes them while the test runs.
 */
@QuarkusTest
@Tag("integration")
class ImportQuotaTest {

    private static final int LIMIT = 3;

    @Inject
    EntityManager em;

    private static String csv(String indicator) {
        StringBuilder csv = new StringBuilder("indicator,period,value\r\n");
        for (int i = 0; i < 11; i++) {
            csv.append(indicator).append(",2003-").append(String.format("%02d", i + 1)).append(",").append(i).append("\r\n");
        }
        return csv.toString();
    }

    private void heldJob(String callerId) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO indicator_value_import"
                + " (state, dry_run, all_or_nothing, body, caller_id, caller_name, caller_roles, total_rows, lease_until,"
                + " lease_token, worker) VALUES ('RUNNING', false, false, 'indicator,period,value', :caller, 'test', 'partner', 1,"
                + " now() + interval '1 hour', gen_random_uuid(), 'another replica')")
                .setParameter("caller", callerId).executeUpdate());
    }

    @Test
    void aCallerWithTooManyOpenJobsGetsA429UntilOneEnds() {
        String organisation = Api.organisation("Import-Träger");
        ExtractableResponse<Response> key = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"imports " + UUID.randomUUID() + "\",\"role\":\"PARTNER\",\"organisationId\":\""
                        + organisation + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract();
        String partner = key.path("key");
        String callerId = "api-key:" + key.path("id");
        String indicator = ControllingFixtures.indicator("\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"frequency\":\"MONTHLY\",\"actionField\":\"M\",\"reportingOrganisation\":\"" + organisation + "\"");
        for (int i = 0; i < LIMIT; i++) {
            heldJob(callerId);
        }
        Response refused = invalid(as(partner)).contentType("text/csv").body(csv(indicator))
                .post("/api/v1/indicator-value-imports");
        refused.then().statusCode(429).body("type", equalTo("urn:fachplan:problem:too-many-requests"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        as(Api.partnerKey(organisation)).contentType("text/csv").body(csv(indicator))
                .post("/api/v1/indicator-value-imports").then().statusCode(202);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE indicator_value_import"
                + " SET state = 'FAILED', body = NULL, lease_until = NULL, finished_at = now() WHERE caller_id = :caller")
                .setParameter("caller", callerId).executeUpdate());
        as(partner).contentType("text/csv").body(csv(indicator)).post("/api/v1/indicator-value-imports").then()
                .statusCode(202);
    }
}
