package de.fachplan.api.sync;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A partner credential reaches only what its organisation owns. The matrix sends every write
 * operation of the contract with each kind of caller and checks the status and that a refused
 * write changed nothing: every write leaves an audit event, so the count of audit events must
 * stay the same.
 */
@QuarkusTest
@Tag("integration")
class PartnerAccessTest {

    private static String ownOrganisation;
    private static String otherOrganisation;
    private static String partnerKey;
    private static String revokedKey;
    private static String ownMeasure;
    private static String ownPrivateMeasure;
    private static String foreignPublicMeasure;
    private static String foreignPrivateMeasure;
    private static String adminSubscription;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void createOrganisationsKeysAndMeasures() {
        if (ownOrganisation != null) {
            return;
        }
        ownOrganisation = organisation("Beispiel-Träger Eigen");
        otherOrganisation = organisation("Beispiel-Träger Fremd");
        partnerKey = partnerKey(ownOrganisation);
        revokedKey = partnerKey(ownOrganisation);
        String revokedId = admin().queryParam("limit", 200).get("/api/v1/api-keys").then().extract()
                .path("items.find { it.prefix == '" + revokedKey.substring(0, 8) + "' }.id");
        String etag = admin().get("/api/v1/api-keys/" + revokedId).then().extract().header("ETag");
        admin().header("If-Match", etag).delete("/api/v1/api-keys/" + revokedId).then().statusCode(204);
        ownMeasure = measure(ownOrganisation, true);
        ownPrivateMeasure = measure(ownOrganisation, false);
        foreignPublicMeasure = measure(otherOrganisation, true);
        foreignPrivateMeasure = measure(otherOrganisation, false);
        // Port 9 on loopback refuses connections: deliveries to it fail at once and reach no one.
        adminSubscription = admin().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"measure.deleted\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
    }



    private static String measure(String lead, boolean isPublic) {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"M\",\"title\":\"Partnermaßnahme\",\"status\":\"IMPLEMENTATION\","
                        + "\"leadOrganisationId\":\"" + lead + "\",\"public\":" + isPublic
                        + ",\"statusNote\":\"intern\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("id");
    }

    private static String etagOf(String measure) {
        return editor().get("/api/v1/measures/" + measure).then().statusCode(200).extract().header("ETag");
    }

    private long auditEvents() throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM audit_event")) {
            result.next();
            return result.getLong(1);
        }
    }

    private record Write(String name, Function<RequestSpecification, Integer> send) {
    }

    private static List<Write> writes() {
        String progress = "{\"progress\":55}";
        return List.of(
                new Write("PATCH own measure (partner members)", r -> r.contentType(MERGE_PATCH)
                        .header("If-Match", etagOf(ownMeasure)).body(progress).patch("/api/v1/measures/" + ownMeasure).statusCode()),
                new Write("PATCH own measure (editor-only member)", r -> r.contentType(MERGE_PATCH)
                        .header("If-Match", etagOf(ownMeasure)).body("{\"title\":\"Übernommen\"}")
                        .patch("/api/v1/measures/" + ownMeasure).statusCode()),
                new Write("PATCH foreign public measure", r -> r.contentType(MERGE_PATCH)
                        .header("If-Match", etagOf(foreignPublicMeasure)).body(progress)
                        .patch("/api/v1/measures/" + foreignPublicMeasure).statusCode()),
                new Write("PATCH foreign non-public measure", r -> r.contentType(MERGE_PATCH)
                        .header("If-Match", etagOf(foreignPrivateMeasure)).body(progress)
                        .patch("/api/v1/measures/" + foreignPrivateMeasure).statusCode()),
                new Write("DELETE own measure", r -> r.header("If-Match", etagOf(ownMeasure))
                        .delete("/api/v1/measures/" + ownMeasure).statusCode()),
                new Write("DELETE foreign measure", r -> r.header("If-Match", etagOf(foreignPublicMeasure))
                        .delete("/api/v1/measures/" + foreignPublicMeasure).statusCode()),
                new Write("POST measure", r -> r.contentType(ContentType.JSON)
                        .body("{\"actionField\":\"M\",\"title\":\"Fremd angelegt\"}").post("/api/v1/measures").statusCode()),
                new Write("POST target group", r -> r.contentType(ContentType.JSON)
                        .body("{\"code\":\"PARTNER_MADE\",\"category\":\"PARTICULAR_NEEDS\",\"name\":{\"de\":\"x\"}}")
                        .post("/api/v1/target-groups").statusCode()),
                new Write("PATCH target group", r -> r.contentType(MERGE_PATCH).header("If-Match", "\"1\"")
                        .body("{\"name\":{\"de\":\"x\"}}").patch("/api/v1/target-groups/WOMEN").statusCode()),
                new Write("DELETE target group", r -> r.header("If-Match", "\"1\"")
                        .delete("/api/v1/target-groups/WOMEN").statusCode()),
                new Write("POST organisation", r -> r.contentType(ContentType.JSON)
                        .body("{\"name\":\"Fremd\",\"type\":\"OTHER\"}").post("/api/v1/organisations").statusCode()),
                new Write("PATCH own organisation", r -> r.contentType(MERGE_PATCH).header("If-Match", "\"0\"")
                        .body("{\"name\":\"Umbenannt\"}").patch("/api/v1/organisations/" + ownOrganisation).statusCode()),
                new Write("DELETE other organisation", r -> r.header("If-Match", "\"0\"")
                        .delete("/api/v1/organisations/" + otherOrganisation).statusCode()),
                new Write("POST API key", r -> r.contentType(ContentType.JSON)
                        .body("{\"name\":\"mine\",\"role\":\"ADMIN\"}").post("/api/v1/api-keys").statusCode()),
                new Write("DELETE API key", r -> r.header("If-Match", "\"0\"")
                        .delete("/api/v1/api-keys/" + UUID.randomUUID()).statusCode()),
                new Write("POST webhook subscription", r -> r.contentType(ContentType.JSON)
                        .body("{\"url\":\"http://127.0.0.1:9/partner\",\"eventTypes\":[\"measure.deleted\"]}")
                        .post("/api/v1/webhook-subscriptions").statusCode()),
                new Write("DELETE another organisation's webhook subscription", r -> r.header("If-Match", "\"0\"")
                        .delete("/api/v1/webhook-subscriptions/" + adminSubscription).statusCode()),
                new Write("POST status sync of an own measure", r -> r.contentType(ContentType.JSON)
                        .body("{\"items\":[{\"reference\":\"a\",\"measure\":\"" + ownMeasure + "\",\"progress\":56}]}")
                        .post("/api/v1/measure-status-updates").statusCode()),
                new Write("POST status sync of a foreign measure", r -> r.contentType(ContentType.JSON)
                        .body("{\"items\":[{\"reference\":\"a\",\"measure\":\"" + foreignPublicMeasure
                                + "\",\"progress\":56}]}")
                        .post("/api/v1/measure-status-updates").statusCode()));
    }

    @Test
    void everyWriteIsRefusedUnlessThePartnerOwnsTheMeasureAndTheMember() throws Exception {
        Map<String, Function<Void, RequestSpecification>> callers = new LinkedHashMap<>();
        callers.put("partner", v -> as(partnerKey));
        callers.put("anonymous", v -> invalid(anonymous()));
        callers.put("revoked key", v -> invalid(as(revokedKey)));
        // status and audit events written; every other write is a 403 for a partner
        Map<String, int[]> expectedForPartner = Map.of(
                "PATCH own measure (partner members)", new int[] { 200, 1 },
                "PATCH own measure (editor-only member)", new int[] { 422, 0 },
                "PATCH foreign public measure", new int[] { 403, 0 },
                "PATCH foreign non-public measure", new int[] { 404, 0 },
                "POST webhook subscription", new int[] { 201, 1 },
                "DELETE another organisation's webhook subscription", new int[] { 404, 0 },
                "POST status sync of an own measure", new int[] { 207, 1 },
                "POST status sync of a foreign measure", new int[] { 207, 0 });
        List<String> wrong = new ArrayList<>();
        for (Write write : writes()) {
            for (var caller : callers.entrySet()) {
                int[] expectation = caller.getKey().equals("partner")
                        ? expectedForPartner.getOrDefault(write.name(), new int[] { 403, 0 })
                        : new int[] { 401, 0 };
                int expected = expectation[0];
                long expectedWrites = expectation[1];
                long before = auditEvents();
                RequestSpecification request = caller.getValue().apply(null);
                if (caller.getKey().equals("partner") && expected >= 400) {
                    invalid(request);
                }
                int status = write.send().apply(request);
                long written = auditEvents() - before;
                if (status != expected || written != expectedWrites) {
                    wrong.add(write.name() + " as " + caller.getKey() + ": " + status + " (expected " + expected
                            + "), audit events written " + written + " (expected " + expectedWrites + ")");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aPartnerSeesItsOwnNonPublicMeasuresAndTheirInternalsButNoOtherOnes() {
        as(partnerKey).get("/api/v1/measures/" + ownPrivateMeasure).then().statusCode(200)
                .body("statusNote", equalTo("intern"));
        as(partnerKey).get("/api/v1/measures/" + foreignPublicMeasure).then().statusCode(200)
                .body("statusNote", nullValue());
        invalid(as(partnerKey)).get("/api/v1/measures/" + foreignPrivateMeasure).then().statusCode(404);
        invalid(anonymous()).get("/api/v1/measures/" + ownPrivateMeasure).then().statusCode(404);
        as(partnerKey).queryParam("organisation", ownOrganisation).queryParam("limit", 200).get("/api/v1/measures")
                .then().body("items.id", hasItem(ownPrivateMeasure));
        anonymous().queryParam("organisation", ownOrganisation).queryParam("limit", 200).get("/api/v1/measures")
                .then().body("items.id", not(hasItem(ownPrivateMeasure)));
        anonymous().queryParam("organisation", otherOrganisation).queryParam("limit", 200).get("/api/v1/measures")
                .then().body("items.id", hasItem(foreignPublicMeasure)).body("items.statusNote", not(hasItem("intern")));
    }

    @Test
    void aPartnerAddressesItsMeasuresByItsOwnReference() {
        String reference = "TRAEGER-" + UUID.randomUUID().toString().substring(0, 8);
        as(partnerKey).contentType(MERGE_PATCH).header("If-Match", etagOf(ownMeasure))
                .body("{\"externalReference\":\"" + reference + "\",\"status\":\"FINALISATION\",\"statusNote\":\"fast fertig\"}")
                .patch("/api/v1/measures/" + ownMeasure).then().statusCode(200)
                .body("externalReference", equalTo(reference)).body("status", equalTo("FINALISATION"));
        as(partnerKey).get("/api/v1/measures/ext:" + reference).then().statusCode(200).body("id", equalTo(ownMeasure));
        invalid(editor()).get("/api/v1/measures/ext:" + reference).then().statusCode(404);
        String other = partnerKey(otherOrganisation);
        invalid(as(other)).get("/api/v1/measures/ext:" + reference).then().statusCode(404);
        as(partnerKey).contentType(MERGE_PATCH).header("If-Match", etagOf(ownPrivateMeasure))
                .body("{\"externalReference\":\"" + reference + "\"}").patch("/api/v1/measures/" + ownPrivateMeasure)
                .then().statusCode(409);
    }

    @Test
    void aPartnerReadsTheAuditTrailOfItsOwnMeasuresOnly() {
        List<String> resources = as(partnerKey).queryParam("limit", 200).get("/api/v1/audit-events").then()
                .statusCode(200).extract().path("items.resourceId");
        assertTrue(resources.contains(ownMeasure));
        assertTrue(resources.stream().noneMatch(r -> r.equals(foreignPublicMeasure) || r.equals(otherOrganisation)));
    }

    @Test
    void aPartnerSignedInThroughTheCitysIdentityProviderHasTheSameScope() {
        String token = de.fachplan.api.support.Api.partnerJwt("petra.traeger", ownOrganisation);
        as(token).contentType(MERGE_PATCH).header("If-Match", etagOf(ownMeasure)).body("{\"progress\":12}")
                .patch("/api/v1/measures/" + ownMeasure).then().statusCode(200);
        invalid(as(token)).contentType(MERGE_PATCH).header("If-Match", etagOf(foreignPublicMeasure))
                .body("{\"progress\":12}").patch("/api/v1/measures/" + foreignPublicMeasure).then().statusCode(403);
        invalid(as(token)).get("/api/v1/measures/" + foreignPrivateMeasure).then().statusCode(404);
    }

    @Test
    void aPartnerTokenWithoutOrganisationIsRefused() {
        String token = de.fachplan.api.support.Api.idpClaims().subject("ohne.org")
                .groups(java.util.Set.of("partner")).sign();
        invalid(as(token)).get("/api/v1/audit-events").then().statusCode(401);
        invalid(as(token)).get("/api/v1/changes").then().statusCode(401);
    }

    @Test
    void aPartnerKeyNeedsItsOrganisation() {
        invalid(admin()).contentType(ContentType.JSON).body("{\"name\":\"ohne\",\"role\":\"PARTNER\"}")
                .post("/api/v1/api-keys").then().statusCode(422).body("errors[0].pointer", equalTo("/organisationId"));
    }

    @Test
    void aRetriedPartnerChangeReplaysItsFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String etag = etagOf(ownMeasure);
        var first = as(partnerKey).contentType(MERGE_PATCH).header("If-Match", etag).header("Idempotency-Key", key)
                .body("{\"progress\":77}").patch("/api/v1/measures/" + ownMeasure).then().statusCode(200).extract();
        as(partnerKey).contentType(MERGE_PATCH).header("If-Match", etag).header("Idempotency-Key", key)
                .body("{\"progress\":77}").patch("/api/v1/measures/" + ownMeasure).then().statusCode(200)
                .header("Idempotency-Replayed", "true").header("ETag", equalTo(first.header("ETag")));
        assertEquals(first.header("ETag"), etagOf(ownMeasure));
    }
}
