package de.fachplan.api.support;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Request builders for the roles the tests act in. */
public final class Api {

    /** The admin key the test profile bootstraps (application.properties, %test). */
    public static final String ADMIN_KEY = "fpk_0zsf4MMnqGhgi9jK1xNTLWJoB4YQiWun7kdxeQkkPjs";
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private static String editorKey;
    private static String controllerKey;

    private Api() {
    }

    public static RequestSpecification anonymous() {
        return given();
    }

    public static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    public static synchronized RequestSpecification editor() {
        if (editorKey == null) {
            editorKey = admin().contentType(ContentType.JSON)
                    .body("{\"name\":\"test editor\",\"role\":\"EDITOR\"}")
                    .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        }
        return as(editorKey);
    }

    public static synchronized RequestSpecification controller() {
        if (controllerKey == null) {
            controllerKey = admin().contentType(ContentType.JSON)
                    .body("{\"name\":\"test controller\",\"role\":\"CONTROLLER\"}")
                    .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        }
        return as(controllerKey);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /**
     * The claims every token of the test profile's identity provider carries: its issuer and the
     * service's audience ({@code %test.fachplan.jwt.audience}); sign with {@code .sign()}.
     */
    public static JwtClaimsBuilder idpClaims() {
        return Jwt.issuer("https://login.test.invalid/realms/city").audience("fachplan-api");
    }

    /** A JWT as the city's identity provider would issue it, signed with the test key pair. */
    public static String jwt(String subject, String... roles) {
        return idpClaims().subject(subject).claim("name", subject).groups(Set.of(roles)).sign();
    }

    /** A JWT of a partner organisation's staff member, carrying the organisation claim. */
    public static String partnerJwt(String subject, String organisationId) {
        return idpClaims().subject(subject).claim("name", subject)
                .claim("organisation_id", organisationId).groups(Set.of("partner")).sign();
    }

    /** Marks a deliberately invalid request: the contract filter then checks only the response. */
    public static RequestSpecification invalid(RequestSpecification spec) {
        return spec.header(ContractFilter.RESPONSE_ONLY, "true");
    }

    /** A new partner organisation, through the API, with a unique name; returns its id. */
    public static String organisation(String name) {
        return editor().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + " " + UUID.randomUUID().toString().substring(0, 6)
                        + "\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
    }

    /** A new API key of the role PARTNER bound to the organisation; returns the key. */
    public static String partnerKey(String organisation) {
        return admin().contentType(ContentType.JSON)
                .body("{\"name\":\"partner " + UUID.randomUUID() + "\",\"role\":\"PARTNER\",\"organisationId\":\""
                        + organisation + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
