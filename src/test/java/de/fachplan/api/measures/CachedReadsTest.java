package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Reads of measures are kept in memory per caller scope (common/cache). These prove what that
 * must never change: what each caller may see, reading one's own write at once, other writers'
 * changes within the staleness bound, and ETags with 304 on list pages.
 */
@QuarkusTest
@Tag("integration")
class CachedReadsTest {

    private static String lead;
    private static String leadKey;
    private static String otherKey;
    private static String hidden;
    private static String shown;

    @Inject
    DataSource dataSource;

    /** REST Assured knows the test port only once a test runs, so the data is made before the first. */
    @BeforeEach
    void createMeasuresOfOneOrganisation() {
        if (lead != null) {
            return;
        }
        lead = organisation("Beispiel-Träger CachedReads");
        leadKey = partnerKey(lead);
        otherKey = partnerKey(organisation("Beispiel-Verein CachedReads"));
        hidden = create("{\"actionField\":\"R\",\"title\":\"Nichtöffentliche Beratung\",\"public\":false,"
                + "\"statusNote\":\"nur intern\",\"leadOrganisationId\":\"" + lead + "\"}");
        shown = create("{\"actionField\":\"R\",\"title\":\"Öffentliche Beratung\",\"statusNote\":\"intern zu R\","
                + "\"leadOrganisationId\":\"" + lead + "\"}");
    }

    private static String create(String body) {
        return editor().contentType(ContentType.JSON).body(body).post("/api/v1/measures").then().statusCode(201)
                .extract().path("id");
    }

    private static String etagOf(RequestSpecification caller, String path) {
        return caller.get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aListKeptForOneScopeIsNeverServedToAnother() {
        String path = "/api/v1/measures?limit=10&organisation=" + lead;
        for (int i = 0; i < 2; i++) {
            anonymous().get(path).then().statusCode(200).body("items.id", not(hasItem(hidden)))
                    .body("items.find { it.id == '" + shown + "' }.statusNote", nullValue());
        }
        as(leadKey).get(path).then().statusCode(200).body("items.id", hasItem(hidden))
                .body("items.find { it.id == '" + shown + "' }.statusNote", equalTo("intern zu R"));
        editor().get(path).then().statusCode(200).body("items.id", hasItem(hidden))
                .body("items.find { it.id == '" + hidden + "' }.statusNote", equalTo("nur intern"));
        as(otherKey).get(path).then().statusCode(200).body("items.id", not(hasItem(hidden)))
                .body("items.find { it.id == '" + shown + "' }.statusNote", nullValue());
        anonymous().get(path).then().statusCode(200).body("items.id", not(hasItem(hidden)));
    }

    /**
     * Every read names a page nobody asked for before (a new {@code modifiedSince}), so each is
     * built from the measures other pages read: those are kept per viewer, too.
     */
    @Test
    void aMeasureReadForOneScopeIsNeverShownToAnotherOnANewPage() {
        String path = "/api/v1/measures?limit=10&organisation=" + lead + "&modifiedSince=2000-01-01T00:00:";
        int second = 0;
        for (int i = 0; i < 2; i++) {
            anonymous().get(path + (10 + second++) + "Z").then().statusCode(200).body("items.id", not(hasItem(hidden)))
                    .body("items.find { it.id == '" + shown + "' }.statusNote", nullValue());
        }
        as(leadKey).get(path + (10 + second++) + "Z").then().statusCode(200).body("items.id", hasItem(hidden))
                .body("items.find { it.id == '" + shown + "' }.statusNote", equalTo("intern zu R"));
        editor().get(path + (10 + second++) + "Z").then().statusCode(200).body("items.id", hasItem(hidden))
                .body("items.find { it.id == '" + hidden + "' }.statusNote", equalTo("nur intern"));
        as(otherKey).get(path + (10 + second++) + "Z").then().statusCode(200).body("items.id", not(hasItem(hidden)))
                .body("items.find { it.id == '" + shown + "' }.statusNote", nullValue());
        anonymous().get(path + (10 + second++) + "Z").then().statusCode(200).body("items.id", not(hasItem(hidden)))
                .body("items.find { it.id == '" + shown + "' }.statusNote", nullValue());
    }

    @Test
    void aMeasureKeptForOneScopeIsNeverServedToAnother() {
        for (int i = 0; i < 2; i++) {
            anonymous().get("/api/v1/measures/" + hidden).then().statusCode(404);
            anonymous().get("/api/v1/measures/" + shown).then().statusCode(200).body("statusNote", nullValue());
        }
        as(leadKey).get("/api/v1/measures/" + hidden).then().statusCode(200).body("statusNote", equalTo("nur intern"));
        as(leadKey).get("/api/v1/measures/" + shown).then().statusCode(200).body("statusNote", equalTo("intern zu R"));
        as(otherKey).get("/api/v1/measures/" + hidden).then().statusCode(404);
        as(otherKey).get("/api/v1/measures/" + shown).then().statusCode(200).body("statusNote", nullValue());
        anonymous().get("/api/v1/measures/" + hidden).then().statusCode(404);
        anonymous().get("/api/v1/measures/" + shown).then().statusCode(200).body("statusNote", nullValue());
    }

    @Test
    void theNextReadOnThisInstanceSeesAWriteAsSoonAsItIsAcknowledged() {
        String measure = create("{\"actionField\":\"F\",\"title\":\"Hausaufgabenhilfe\"}");
        String list = "/api/v1/measures?actionField=F&limit=200&sort=-createdAt";
        for (int i = 0; i < 3; i++) {
            anonymous().get("/api/v1/measures/" + measure).then().statusCode(200);
            anonymous().get(list).then().statusCode(200);
        }
        for (int round = 0; round < 5; round++) {
            String title = "Hausaufgabenhilfe, Runde " + round;
            String etag = anonymous().get("/api/v1/measures/" + measure).then().extract().header("ETag");
            editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\":\"" + title + "\"}")
                    .patch("/api/v1/measures/" + measure).then().statusCode(200);
            anonymous().get("/api/v1/measures/" + measure).then().statusCode(200).body("title", equalTo(title));
            anonymous().get(list).then().statusCode(200)
                    .body("items.find { it.id == '" + measure + "' }.title", equalTo(title));
            anonymous().get(list + "&modifiedSince=2000-01-01T00:00:0" + round + "Z").then().statusCode(200)
                    .body("items.find { it.id == '" + measure + "' }.title", equalTo(title));
        }
    }

    @Test
    void aWriteThatBypassesThisInstanceIsSeenWithinTheStalenessBound() throws Exception {
        String measure = create("{\"actionField\":\"G\",\"title\":\"Gesundheitslotsen im Stadtteil\"}");
        for (int i = 0; i < 3; i++) {
            anonymous().get("/api/v1/measures/" + measure).then().statusCode(200);
        }
        // What another replica's write looks like from here: a commit this instance did not make.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE measure SET title = ?, version = version + 1 WHERE id = ?")) {
            update.setString(1, "Gesundheitslotsen, anderswo geändert");
            update.setObject(2, UUID.fromString(measure));
            assertEquals(1, update.executeUpdate());
        }
        // The bound is 1 s (fachplan.read-cache.staleness-bound); the margin is for a busy machine.
        eventually(Duration.ofSeconds(5), () -> "Gesundheitslotsen, anderswo geändert".equals(
                anonymous().get("/api/v1/measures/" + measure).then().statusCode(200).extract().path("title")));
    }

    @Test
    void listPagesCarryAnETagThatAnswersIfNoneMatchWith304UntilThePageChanges() {
        String measure = create("{\"actionField\":\"P\",\"title\":\"Migrantenbeirat stärken\"}");
        String path = "/api/v1/measures?actionField=P&limit=200";
        String etag = etagOf(anonymous(), path);
        assertEquals(etag, etagOf(anonymous(), path), "an unchanged page keeps its tag");
        anonymous().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", equalTo(etag));
        String staffTag = etagOf(editor(), path);
        editor().header("If-None-Match", staffTag).get(path).then().statusCode(304);

        String version = anonymous().get("/api/v1/measures/" + measure).then().extract().header("ETag");
        editor().contentType(MERGE_PATCH).header("If-Match", version).body("{\"progress\":30}")
                .patch("/api/v1/measures/" + measure).then().statusCode(200);
        String changed = anonymous().header("If-None-Match", etag).get(path).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
        assertNotEquals(etag, changed, "a changed page gets another tag");
    }

    @Test
    void aMeasureReadsTheSameInTheListAndByCodeAsInTheAnswerToItsChange() {
        String partner = organisation("Beispiel-Partner CachedReads");
        String measure = create("{\"actionField\":\"S\",\"title\":\"Sprachpatenschaften\",\"description\":\"Tandems.\","
                + "\"status\":\"IMPLEMENTATION\",\"progress\":10,\"plannedStart\":\"2020-01-01\","
                + "\"plannedEnd\":\"2022-12-31\",\"leadOrganisationId\":\"" + lead + "\","
                + "\"partners\":[{\"organisationId\":\"" + partner + "\",\"role\":\"IMPLEMENTING\"},"
                + "{\"organisationId\":\"" + lead + "\",\"role\":\"FUNDING\"}],"
                + "\"guidelines\":[\"L3\",\"L1\"],\"targetGroups\":[\"WOMEN\",\"ASYLUM_SEEKERS\"],"
                + "\"districts\":[\"PROHLIS\",\"COTTA\"],\"statusNote\":\"läuft\",\"illustrative\":true}");
        String etag = editor().get("/api/v1/measures/" + measure).then().extract().header("ETag");
        Map<String, Object> changed = as(leadKey).contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"externalReference\":\"SP-7\",\"progress\":15}").patch("/api/v1/measures/" + measure)
                .then().statusCode(200).extract().jsonPath().getMap("");
        String code = (String) changed.get("code");
        assertEquals(changed, as(leadKey).get("/api/v1/measures/" + measure).then().statusCode(200).extract()
                .jsonPath().getMap(""));
        assertEquals(changed, as(leadKey).get("/api/v1/measures/" + code).then().statusCode(200).extract()
                .jsonPath().getMap(""));
        assertEquals(changed, as(leadKey).get("/api/v1/measures/ext:SP-7").then().statusCode(200).extract()
                .jsonPath().getMap(""));
        assertEquals(changed, as(leadKey).get("/api/v1/measures?limit=200&organisation=" + partner).then()
                .statusCode(200).extract().jsonPath().getMap("items.find { it.id == '" + measure + "' }"));
    }

    @Test
    void aPlanNamedByItsIdInCapitalsIsTheSamePlan() {
        String plan = anonymous().get("/api/v1/plans").then().statusCode(200).extract().path("items[0].id");
        String code = anonymous().get("/api/v1/measures/" + shown).then().extract().path("code");
        anonymous().get("/api/v1/measures?limit=5&plan=" + plan.toUpperCase()).then().statusCode(200)
                .body("items.size()", equalTo(5));
        anonymous().get("/api/v1/measures/" + code + "?plan=" + plan.toUpperCase()).then().statusCode(200)
                .body("id", equalTo(shown));
    }

    private static void eventually(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit);
            }
            Thread.onSpinWait();
        }
    }
}
