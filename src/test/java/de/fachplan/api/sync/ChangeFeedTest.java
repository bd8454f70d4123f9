package de.fachplan.api.sync;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@Tag("integration")
class ChangeFeedTest {

    @Inject
    DataSource dataSource;

    /** Reads the feed from a cursor to its current end; returns the entries and the cursor to store. */
    private static Read readToEnd(String cursor, String types) {
        List<Map<String, Object>> entries = new ArrayList<>();
        boolean more = true;
        while (more) {
            var request = editor().queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            if (types != null) {
                request.queryParam("types", types);
            }
            var page = request.get("/api/v1/changes").then().statusCode(200).extract();
            entries.addAll(page.path("items"));
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        }
        return new Read(entries, cursor);
    }

    private record Read(List<Map<String, Object>> entries, String cursor) {
        List<Map<String, Object>> of(String resourceId) {
            return entries.stream().filter(e -> resourceId.equals(e.get("resourceId"))).toList();
        }
    }

    @Test
    void createUpdateAndDeleteArriveInOrderWithATombstone() {
        String cursor = readToEnd(null, null).cursor();
        var created = editor().contentType(ContentType.JSON).body("{\"actionField\":\"G\",\"title\":\"Impfberatung\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        String id = created.path("id");
        String etag = editor().contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"progress\":30}").patch("/api/v1/measures/" + id).then().statusCode(200).extract().header("ETag");
        editor().header("If-Match", etag).delete("/api/v1/measures/" + id).then().statusCode(204);

        List<Map<String, Object>> changes = readToEnd(cursor, "measure").of(id);
        assertEquals(List.of("CREATED", "UPDATED", "DELETED"), changes.stream().map(c -> c.get("operation")).toList());
        assertEquals(false, changes.get(1).get("deleted"));
        assertEquals(true, changes.get(2).get("deleted"));
        assertEquals(created.<String>path("code"), changes.get(0).get("code"));
        assertEquals(etag, "\"" + changes.get(1).get("version") + "\"");
    }

    @Test
    void aTransactionThatCommitsLateIsNotSkipped() throws Exception {
        String cursor = readToEnd(null, null).cursor();
        UUID slowResource = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement write = slow.prepareStatement("INSERT INTO change_event (resource_type, resource_id,"
                    + " resource_code, operation, version, changed_at) VALUES ('measure', ?, 'SLOW', 'UPDATED', 1, now())")) {
                write.setObject(1, slowResource);
                write.executeUpdate();
            }
            // A second write starts after the slow one and commits first.
            String fastResource = editor().contentType(ContentType.JSON)
                    .body("{\"actionField\":\"G\",\"title\":\"Schnell\"}").post("/api/v1/measures").then()
                    .statusCode(201).extract().path("id");

            Read whileSlowRuns = readToEnd(cursor, null);
            assertTrue(whileSlowRuns.of(fastResource).isEmpty(),
                    "a change behind a running transaction must wait, or the client's cursor would pass the slow one");

            slow.commit();

            Read afterwards = readToEnd(whileSlowRuns.cursor(), null);
            List<String> order = afterwards.entries().stream().map(e -> (String) e.get("resourceId"))
                    .filter(r -> r.equals(slowResource.toString()) || r.equals(fastResource)).toList();
            assertEquals(List.of(slowResource.toString(), fastResource), order);
            assertFalse(readToEnd(afterwards.cursor(), null).entries().stream()
                    .anyMatch(e -> e.get("resourceId").equals(fastResource)), "a change must not come twice");
        }
    }

    @Test
    void filtersByResourceType() {
        String cursor = readToEnd(null, null).cursor();
        editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Verein Feed\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201);
        editor().contentType(ContentType.JSON).body("{\"actionField\":\"G\",\"title\":\"Feed\"}")
                .post("/api/v1/measures").then().statusCode(201);
        List<Map<String, Object>> organisations = readToEnd(cursor, "organisation").entries();
        assertTrue(organisations.stream().allMatch(e -> "organisation".equals(e.get("type"))));
        assertFalse(organisations.isEmpty());
    }

    @Test
    void aPartnerNeverSeesChangesOfAnotherOrganisationsNonPublicMeasureEvenAfterItsDeletion() {
        String organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger Feed\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        String partner = de.fachplan.api.support.Api.admin().contentType(ContentType.JSON)
                .body("{\"name\":\"feed\",\"role\":\"PARTNER\",\"organisationId\":\"" + organisation + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        String cursor = readToEnd(null, null).cursor();
        var hidden = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"G\",\"title\":\"Intern\",\"public\":false}").post("/api/v1/measures")
                .then().statusCode(201).extract();
        editor().header("If-Match", (String) hidden.header("ETag")).delete("/api/v1/measures/" + hidden.path("id"))
                .then().statusCode(204);
        String own = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"G\",\"title\":\"Eigen\",\"public\":false,\"leadOrganisationId\":\""
                        + organisation + "\"}").post("/api/v1/measures").then().statusCode(201).extract().path("id");

        List<String> seen = new ArrayList<>();
        String next = cursor;
        boolean more = true;
        while (more) {
            var page = de.fachplan.api.support.Api.as(partner).queryParam("cursor", next).queryParam("limit", 200)
                    .get("/api/v1/changes").then().statusCode(200).extract();
            List<String> ids = page.path("items.resourceId");
            seen.addAll(ids);
            next = page.path("nextCursor");
            more = page.path("hasMore");
        }
        assertTrue(seen.contains(own));
        assertFalse(seen.contains(hidden.<String>path("id")));
    }

    @Test
    void anUnreadableCursorIsABadRequest() {
        invalid(editor()).queryParam("cursor", "nonsense").get("/api/v1/changes").then().statusCode(400);
        invalid(anonymous()).get("/api/v1/changes").then().statusCode(401);
    }
}
