package de.fachplan.api.common.operations;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What an operator's probes and Prometheus see of a healthy replica. */
@QuarkusTest
@Tag("integration")
public class OperationsTest {

    @Test
    void livenessAndReadinessAreUpAndReadinessWatchesTheDatabase() {
        anonymous().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        anonymous().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void httpMetricsArePerRouteTemplateNotPerRawId() {
        String code = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"B\",\"title\":\"Metrik " + UUID.randomUUID() + "\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("code");
        anonymous().get("/api/v1/measures/" + code).then().statusCode(200);
        String metrics = metrics();
        // Routes are labelled as the contract names them, relative to /api/v1.
        assertTrue(metrics.contains("uri=\"/measures/{measureRef}\""),
                "no timer for the route template /measures/{measureRef}");
        assertFalse(metrics.contains(code), "a raw measure code leaked into a metric label");
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*status=\"201\"[^}]*uri=\"/measures\"")
                .matcher(metrics).find(), "no count of 201s on POST /api/v1/measures");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("uri=\"/measures/{measureRef}\"") && l.contains("le=\"0.25\"")),
                "no latency buckets per route for percentiles across replicas");
    }

    @Test
    void poolUsageAndDatabaseGaugesArePublished() {
        String metrics = metrics();
        assertTrue(metrics.contains("agroal_active_count"), "no connection-pool gauge");
        assertTrue(metrics.contains("agroal_awaiting_count"), "no pool-wait gauge");
        assertTrue(gauge(metrics, "fachplan_webhooks_outbox_pending") >= 0);
        assertTrue(gauge(metrics, "fachplan_webhooks_outbox_oldest_age_seconds") >= 0);
    }

    @Test
    void theIdempotencyStoreGaugeFollowsStoredKeys() {
        double before = gauge(metrics(), "fachplan_idempotency_records");
        for (int i = 0; i < 3; i++) {
            editor().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"actionField\":\"B\",\"title\":\"Schlüssel " + i + "\"}")
                    .post("/api/v1/measures").then().statusCode(201);
        }
        // The test profile refreshes the database gauges every 0.1 s.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        double after = gauge(metrics(), "fachplan_idempotency_records");
        while (after < before + 3 && System.nanoTime() < deadline) {
            after = gauge(metrics(), "fachplan_idempotency_records");
        }
        assertTrue(after >= before + 3, "idempotency store went from " + before + " to " + after);
    }

    public static String metrics() {
        return anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    public static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertTrue(m.find(), "no gauge " + name);
        return Double.parseDouble(m.group(1));
    }
}
