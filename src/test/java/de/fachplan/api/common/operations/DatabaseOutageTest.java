package de.fachplan.api.common.operations;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A replica whose database cannot be reached: it stays alive (no restart loop), is not ready,
 * and answers API requests with a retryable 503 problem that gives nothing internal away. The
 * database here is a real address where nothing listens, not a stand-in.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(DatabaseOutageTest.UnreachableDatabase.class)
class DatabaseOutageTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/fachplan",
                    "quarkus.datasource.username", "fachplan",
                    "quarkus.datasource.password", "unused",
                    "fachplan.schema-migration.enabled", "false",
                    "quarkus.hibernate-orm.schema-management.strategy", "none",
                    "fachplan.bootstrap.admin-key", "",
                    "fachplan.webhooks.poll-interval", "1h");
        }
    }

    @Test
    void livenessStaysUpWhileReadinessIsDown() {
        anonymous().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        anonymous().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void readsAndWritesGetA503ProblemWithoutInternals() {
        anonymous().header("X-Request-Id", "outage-read-1").get("/api/v1/measures").then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("urn:fachplan:problem:service-unavailable"))
                .body(not(containsString("SQL"))).body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1"))).body(not(containsString("postgresql")));
    }

    @Test
    void anApiKeyThatCannotBeLookedUpIsA503NotA401() {
        admin().contentType(ContentType.JSON).body("{\"actionField\":\"B\",\"title\":\"Ausfall\"}")
                .post("/api/v1/measures").then().statusCode(503)
                .body("type", equalTo("urn:fachplan:problem:service-unavailable"));
    }

    @Test
    void theOutageIsLoggedWithTheRequestIdAndWithoutAStackTrace() throws Exception {
        anonymous().header("X-Request-Id", "outage-log-7").get("/api/v1/plans").then().statusCode(503);
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        String line = log.lines().filter(l -> l.contains(" outage-log-7]")).findFirst().orElse("");
        assertTrue(line.contains("Database unreachable on /api/v1/plans"), "no log line with the request id: " + line);
        int at = log.indexOf(line);
        String next = log.substring(at + line.length()).lines().skip(1).findFirst().orElse("");
        assertTrue(!next.startsWith("\tat ") && !next.startsWith("Caused by"), "a stack trace follows: " + next);
    }

    @Test
    void metricsStillAnswerWithoutDatabaseValues() {
        String metrics = OperationsTest.metrics();
        assertTrue(Double.isNaN(OperationsTest.gauge(metrics, "fachplan_webhooks_outbox_pending")));
    }
}
