package de.fachplan.api.catalogue;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@Tag("integration")
class TargetGroupsTest {

    private static ExtractableResponse<Response> create(String code) {
        return editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"category\":\"PARTICULAR_NEEDS\","
                        + "\"name\":{\"de\":\"Ältere Geflüchtete\",\"en\":\"Older refugees\"}}")
                .post("/api/v1/target-groups").then().statusCode(201)
                .header("Location", notNullValue()).header("ETag", notNullValue()).extract();
    }

    @Test
    void theRealTargetGroupsOfThePlanAreThere() {
        anonymous().queryParam("limit", 200).get("/api/v1/target-groups").then().statusCode(200)
                .body("items.code", hasItem("ASYLUM_SEEKERS"))
                .body("items.code", hasItem("UNACCOMPANIED_MINORS"))
                .body("items.code", hasItem("PERSONS_OBLIGED_TO_LEAVE"));
    }

    @Test
    void editorsCreateChangeAndDeleteATargetGroup() {
        String code = unique("OLDER_");
        String etag = create(code).header("ETag");
        anonymous().get("/api/v1/target-groups/" + code).then().statusCode(200)
                .header("ETag", equalTo(etag)).body("name.de", equalTo("Ältere Geflüchtete"));

        String changed = editor().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"description\":{\"de\":\"Menschen ab 60 Jahren\"}}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(200)
                .body("description.de", equalTo("Menschen ab 60 Jahren"))
                .body("name.en", equalTo("Older refugees"))
                .extract().header("ETag");

        editor().contentType(MERGE_PATCH).header("If-Match", changed).body("{\"description\":null}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(200).body("description", nullValue());

        String current = anonymous().get("/api/v1/target-groups/" + code).then().extract().header("ETag");
        editor().header("If-Match", current).delete("/api/v1/target-groups/" + code).then().statusCode(204);
        anonymous().get("/api/v1/target-groups/" + code).then().statusCode(404);
    }

    @Test
    void answersNotModifiedWhileTheETagIsCurrent() {
        String code = unique("CACHED_");
        String etag = create(code).header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/v1/target-groups/" + code).then().statusCode(304)
                .header("ETag", equalTo(etag));
    }

    @Test
    void refusesAStaleOrMissingIfMatch() {
        String code = unique("STALE_");
        String etag = create(code).header("ETag");
        editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":{\"de\":\"Neu\"}}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(200);
        editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":{\"de\":\"Verloren\"}}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(412)
                .body("type", equalTo("urn:fachplan:problem:precondition-failed"));
        invalid(editor()).contentType(MERGE_PATCH).body("{\"name\":{\"de\":\"Verloren\"}}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(428)
                .body("type", equalTo("urn:fachplan:problem:precondition-required"));
        anonymous().get("/api/v1/target-groups/" + code).then().body("name.de", equalTo("Neu"));
    }

    @Test
    void anEmptyDescriptionIsRefused() {
        String code = unique("EMPTY_");
        String etag = create(code).header("ETag");
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", etag).body("{\"description\":{\"de\":\"\"}}")
                .patch("/api/v1/target-groups/" + code).then().statusCode(422)
                .body("errors[0].pointer", equalTo("/description/de"));
    }

    @Test
    void aDuplicateCodeIsAConflict() {
        String code = unique("TWICE_");
        create(code);
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"category\":\"PARTICULAR_NEEDS\",\"name\":{\"de\":\"Doppelt\"}}")
                .post("/api/v1/target-groups").then().statusCode(409);
    }

    @Test
    void aTargetGroupInUseCannotBeDeleted() {
        String etag = anonymous().get("/api/v1/target-groups/ASYLUM_SEEKERS").then().statusCode(200)
                .extract().header("ETag");
        editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"M\",\"title\":\"Beratung für Asylsuchende\",\"targetGroups\":[\"ASYLUM_SEEKERS\"]}")
                .post("/api/v1/measures").then().statusCode(201);
        editor().header("If-Match", etag).delete("/api/v1/target-groups/ASYLUM_SEEKERS").then().statusCode(409);
    }
}
