package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.jwt;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@Tag("integration")
class AuthenticationTest {

    private static final String MEASURE = "{\"actionField\":\"P\",\"title\":\"Migrantenbeirat\"}";

    @Inject
    EntityManager em;

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> issue(String role) {
        return admin().contentType(ContentType.JSON).body("{\"name\":\"key " + UUID.randomUUID() + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).body("key", startsWith("fpk_")).extract();
    }

    @Test
    void anonymousCallersReadButCannotWrite() {
        anonymous().get("/api/v1/measures").then().statusCode(200);
        invalid(anonymous()).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:fachplan:problem:unauthorized"));
    }

    @Test
    void anEditorCannotManageApiKeys() {
        editor().get("/api/v1/api-keys").then().statusCode(403)
                .body("type", equalTo("urn:fachplan:problem:forbidden"));
        editor().contentType(ContentType.JSON).body("{\"name\":\"mine\",\"role\":\"ADMIN\"}")
                .post("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        var issued = issue("EDITOR");
        String key = issued.path("key");
        as(key).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then().statusCode(201);
        admin().header("If-Match", (String) issued.header("ETag")).delete("/api/v1/api-keys/" + issued.path("id"))
                .then().statusCode(204);
        as(key).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then().statusCode(401);
        as(key).get("/api/v1/measures").then().statusCode(401);
        admin().get("/api/v1/api-keys/" + issued.path("id")).then().statusCode(200).body("revokedAt", notNullValue());
    }

    @Test
    void anExpiredKeyIsRefused() {
        var issued = issue("EDITOR");
        UUID id = UUID.fromString(issued.path("id"));
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = :id")
                .setParameter("id", id).executeUpdate());
        as(issued.path("key")).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then()
                .statusCode(401);
    }

    @Test
    void anExpiryInThePastIsRefusedWhenIssuing() {
        invalid(admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"late\",\"role\":\"EDITOR\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/api-keys").then().statusCode(422).body("errors[0].pointer", equalTo("/expiresAt"));
    }

    @Test
    void anUnknownOrMalformedTokenIsRefusedEvenForReading() {
        as("fpk_doesNotExist0000000000000000000000000000").get("/api/v1/measures").then().statusCode(401);
        as("not-a-jwt").get("/api/v1/measures").then().statusCode(401);
        anonymous().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/measures").then().statusCode(401);
    }

    @Test
    void theSecretIsShownOnceAndNeverAgainNorLogged() throws Exception {
        var issued = issue("EDITOR");
        String key = issued.path("key");
        as(key).get("/api/v1/measures").then().statusCode(200);
        String single = admin().get("/api/v1/api-keys/" + issued.path("id")).then().statusCode(200)
                .body("key", nullValue()).extract().asString();
        String list = admin().queryParam("limit", 200).get("/api/v1/api-keys").then().statusCode(200)
                .body("items.key", everyItem(nullValue())).extract().asString();
        assertFalse(single.contains(key));
        assertFalse(list.contains(key));
        Path log = Path.of("target", "quarkus-test.log");
        assertTrue(Files.exists(log), "the test profile logs to " + log);
        assertFalse(Files.readString(log).contains(key), "the API key appeared in the log");
        admin().get("/api/v1/api-keys/" + issued.path("id")).then().body("lastUsedAt", notNullValue());
    }

    @Test
    void aJwtOfTheCitysIdentityProviderCarriesItsRoles() {
        as(jwt("anna.editor", "editor")).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then()
                .statusCode(201);
        String code = as(jwt("anna.editor", "editor")).contentType(ContentType.JSON)
                .body("{\"actionField\":\"P\",\"title\":\"Sprechstunde\"}").post("/api/v1/measures").then()
                .statusCode(201).extract().path("code");
        editor().get("/api/v1/measures/" + code + "/status-history").then()
                .body("items[0].changedBy", equalTo("jwt:anna.editor"));
        anonymous().get("/api/v1/measures/" + code + "/status-history").then()
                .body("items[0].changedBy", equalTo("role:EDITOR"));
        as(jwt("bob.viewer", "viewer")).contentType(ContentType.JSON).body(MEASURE).post("/api/v1/measures").then()
                .statusCode(403);
        as(jwt("carla.admin", "admin")).get("/api/v1/api-keys").then().statusCode(200);
        as(jwt("anna.editor", "editor")).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = de.fachplan.api.support.Api.idpClaims().subject("mallory")
                .groups("admin").sign(generator.generateKeyPair().getPrivate());
        as(forged).get("/api/v1/api-keys").then().statusCode(401);
        as(forged).get("/api/v1/measures").then().statusCode(401);
    }
}
