package de.fachplan.api.sync.webhooks;

import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import de.fachplan.api.support.Api;

/** At most a configured number of subscriptions per organisation (5 in the test profile). */
@QuarkusTest
@Tag("integration")
class WebhookQuotaTest {

    private static final int LIMIT = 5;

    private static io.restassured.response.Response subscribe(String key, int n) {
        return as(key).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/quota-" + n + "\",\"eventTypes\":[\"measure.deleted\"]}")
                .post("/api/v1/webhook-subscriptions");
    }

    @Test
    void anOrganisationHasAtMostTheConfiguredNumberOfSubscriptions() {
        String partner = Api.partnerKey(Api.organisation("Abo-Träger"));
        String other = Api.partnerKey(Api.organisation("Anderer Träger"));
        List<io.restassured.response.ExtractableResponse<io.restassured.response.Response>> created = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            created.add(subscribe(partner, i).then().statusCode(201).extract());
        }
        invalid(as(partner)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/quota-x\",\"eventTypes\":[\"measure.deleted\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:fachplan:problem:too-many-requests"));
        subscribe(other, 0).then().statusCode(201);
        as(partner).header("If-Match", created.get(0).header("ETag"))
                .delete("/api/v1/webhook-subscriptions/" + created.get(0).path("id")).then().statusCode(204);
        subscribe(partner, LIMIT).then().statusCode(201);
    }
}
