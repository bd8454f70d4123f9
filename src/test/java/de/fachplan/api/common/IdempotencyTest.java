package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A partner's nightly script retries the same request; it must never create twice. */
@QuarkusTest
@Tag("integration")
class IdempotencyTest {

    @Inject
    DataSource dataSource;

    private static io.restassured.response.ValidatableResponse post(String key, String body) {
        return editor().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/measures").then();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = "{\"actionField\":\"B\",\"title\":\"Ehrenamtsbörse " + key + "\"}";
        var first = post(key, body).statusCode(201).header("Idempotency-Replayed", nullValue()).extract();
        for (int retry = 0; retry < 3; retry++) {
            post(key, body).statusCode(201).header("Idempotency-Replayed", "true")
                    .header("Location", equalTo(first.header("Location")))
                    .header("ETag", equalTo(first.header("ETag")))
                    .body("id", equalTo(first.path("id"))).body("code", equalTo(first.path("code")));
        }
        List<String> titles = anonymous().queryParam("q", key).queryParam("actionField", "B")
                .get("/api/v1/measures").then().extract().path("items.title");
        assertEquals(1, titles.size(), "the retried request created " + titles.size() + " measures");
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        post(key, "{\"actionField\":\"B\",\"title\":\"Erste\"}").statusCode(201);
        post(key, "{\"actionField\":\"B\",\"title\":\"Zweite\"}").statusCode(422)
                .body("type", equalTo("urn:fachplan:problem:idempotency-key-reused"));
    }

    @Test
    void keysOfDifferentCallersDoNotCollide() {
        String key = UUID.randomUUID().toString();
        String body = "{\"actionField\":\"B\",\"title\":\"Gleicher Schlüssel\"}";
        String byEditor = post(key, body).statusCode(201).extract().path("id");
        String byAdmin = admin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/measures").then().statusCode(201).header("Idempotency-Replayed", nullValue())
                .extract().path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(byEditor, byAdmin);
    }

    @Test
    void aFailedRequestIsNotStoredSoItsCorrectedRetryIsEvaluated() {
        String key = UUID.randomUUID().toString();
        invalid(editor()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"actionField\":\"B\",\"title\":\"Mit Fehler\",\"targetGroups\":[\"NOBODY\"]}")
                .post("/api/v1/measures").then().statusCode(422);
        editor().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"actionField\":\"B\",\"title\":\"Mit Fehler\",\"targetGroups\":[\"WOMEN\"]}")
                .post("/api/v1/measures").then().statusCode(201).header("Idempotency-Replayed", nullValue());
    }

    @Test
    void aRequestWhileTheFirstIsStillRunningIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        String callerId = "api-key:" + admin().queryParam("limit", 200).get("/api/v1/api-keys").then().extract()
                .path("items.find { it.name == 'bootstrap admin' }.id");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, callerId + "\n" + key);
                lock.execute();
            }
            invalid(admin()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"actionField\":\"B\",\"title\":\"Parallel\"}").post("/api/v1/measures").then()
                    .statusCode(409).body("type", equalTo("urn:fachplan:problem:request-in-progress"));
            connection.rollback();
        }
        admin().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"actionField\":\"B\",\"title\":\"Parallel\"}").post("/api/v1/measures").then().statusCode(201);
    }

    @Test
    void aReplayedApiKeyResponseDoesNotRepeatTheSecret() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\":\"nightly sync\",\"role\":\"EDITOR\"}";
        String secret = admin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        org.junit.jupiter.api.Assertions.assertNotNull(secret);
        admin().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/api-keys")
                .then().statusCode(201).header("Idempotency-Replayed", "true").body("key", nullValue());
    }
}
