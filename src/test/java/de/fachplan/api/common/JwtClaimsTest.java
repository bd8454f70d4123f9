package de.fachplan.api.common;

import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.idpClaims;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerJwt;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What a JWT of the city's identity provider must carry before it counts: audience, subject, and for an organisation the partner role. */
@QuarkusTest
@Tag("integration")
class JwtClaimsTest {

    private static String organisation;
    private static String hiddenMeasure;

    @BeforeEach
    void data() {
        if (organisation != null) {
            return;
        }
        organisation = organisation("JWT-Träger");
        hiddenMeasure = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"S\",\"title\":\"Intern\",\"public\":false,\"leadOrganisationId\":\"" + organisation + "\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("id");
    }

    @Test
    void aTokenIssuedForAnotherClientIsRefused() {
        String otherClient = io.smallrye.jwt.build.Jwt.issuer("https://login.test.invalid/realms/city")
                .audience("another-client").subject("carla.admin").groups(Set.of("admin")).sign();
        refused(otherClient);
        String noAudience = io.smallrye.jwt.build.Jwt.issuer("https://login.test.invalid/realms/city")
                .subject("carla.admin").groups(Set.of("admin")).sign();
        refused(noAudience);
        as(idpClaims().subject("carla.admin").groups(Set.of("admin")).sign()).get("/api/v1/api-keys").then().statusCode(200);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        refused(idpClaims().claim("name", "niemand").groups(Set.of("admin")).sign());
        refused(idpClaims().subject(" ").groups(Set.of("admin")).sign());
    }

    @Test
    void theOrganisationClaimCountsOnlyWithThePartnerRole() {
        String withoutRole = idpClaims().subject("ohne.rolle").claim("organisation_id", organisation).sign();
        invalid(as(withoutRole)).get("/api/v1/measures/" + hiddenMeasure).then().statusCode(404);
        String editorWithClaim = idpClaims().subject("anna.editor").claim("organisation_id", organisation)
                .groups(Set.of("editor")).sign();
        as(editorWithClaim).get("/api/v1/measures/" + hiddenMeasure).then().statusCode(200);
        as(partnerJwt("petra.traeger", organisation)).get("/api/v1/measures/" + hiddenMeasure).then().statusCode(200);
    }

    private static void refused(String token) {
        invalid(as(token)).get("/api/v1/api-keys").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
        invalid(as(token)).get("/api/v1/measures").then().statusCode(401);
    }
}
