package de.fachplan.api.common;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The framework's own failures come as problem+json too, and bad input is never a 500. */
@QuarkusTest
@Tag("integration")
class ProblemDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anUnknownPathIsANotFoundProblem() {
        invalid(anonymous()).get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:fachplan:problem:not-found"))
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() {
        invalid(editor()).put("/api/v1/measures").then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("urn:fachplan:problem:method-not-allowed"));
    }

    @Test
    void aWrongMediaTypeIsAnUnsupportedMediaTypeProblem() {
        invalid(editor()).contentType(ContentType.TEXT).body("title=x").post("/api/v1/measures").then()
                .statusCode(415).contentType(PROBLEM);
        invalid(editor()).contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{}")
                .patch("/api/v1/measures/M1").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void anUnacceptableAcceptHeaderIsANotAcceptableProblem() {
        invalid(anonymous()).accept("text/csv").get("/api/v1/measures").then().statusCode(406);
    }

    @Test
    void aMalformedIfMatchIsABadRequestThatShowsTheExpectedForm() {
        var created = editor().contentType(ContentType.JSON).body("{\"actionField\":\"Q\",\"title\":\"Quartiersrunde\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        String measure = "/api/v1/measures/" + created.path("id");
        for (String ifMatch : java.util.List.of("0", "W/\"0\"", "garbage", "\"0")) {
            invalid(editor()).contentType("application/merge-patch+json").header("If-Match", ifMatch)
                    .body("{\"progress\":5}").patch(measure).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("urn:fachplan:problem:malformed-request"))
                    .body("detail", containsString("\"5\""))
                    .body("errors[0].pointer", equalTo("#/header/If-Match"));
            invalid(editor()).header("If-Match", ifMatch).delete("/api/v1/organisations/" + java.util.UUID.randomUUID())
                    .then().statusCode(400).body("type", equalTo("urn:fachplan:problem:malformed-request"));
        }
        editor().get(measure).then().statusCode(200).header("ETag", equalTo(created.header("ETag")))
                .body("progress", equalTo(0));
        editor().contentType("application/merge-patch+json").header("If-Match", created.header("ETag"))
                .body("{\"progress\":5}").patch(measure).then().statusCode(200);
    }

    @Test
    void malformedJsonIsABadRequest() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\": ").post("/api/v1/measures").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:fachplan:problem:malformed-request"));
    }

    @Test
    void anUnknownMemberIsABadRequestThatNamesIt() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"actionField\":\"W\",\"title\":\"x\",\"budget\":1000}").post("/api/v1/measures").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/budget"));
    }

    @Test
    void aWrongTypeIsABadRequestThatNamesTheMember() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":42}")
                .post("/api/v1/measures").then().statusCode(400).body("errors[0].pointer", equalTo("/title"));
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":\"x\",\"progress\":\"10\"}")
                .post("/api/v1/measures").then().statusCode(400).body("errors[0].pointer", equalTo("/progress"));
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":\"x\",\"status\":\"DONE\"}")
                .post("/api/v1/measures").then().statusCode(400).body("errors[0].pointer", equalTo("/status"));
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":\"x\",\"plannedStart\":\"soon\"}")
                .post("/api/v1/measures").then().statusCode(400).body("errors[0].pointer", equalTo("/plannedStart"));
    }

    @Test
    void aMissingRequiredMemberIsUnprocessable() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\"}").post("/api/v1/measures")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/title"));
        invalid(editor()).contentType(ContentType.JSON).body("[]").post("/api/v1/measures").then().statusCode(400);
        invalid(editor()).contentType(ContentType.JSON).post("/api/v1/measures").then().statusCode(400)
                .body("type", equalTo("urn:fachplan:problem:malformed-request"));
    }

    @Test
    void badQueryParametersAreBadRequests() {
        invalid(anonymous()).queryParam("limit", "many").get("/api/v1/measures").then().statusCode(400)
                .contentType(PROBLEM);
        invalid(anonymous()).queryParam("status", "DONE").get("/api/v1/measures").then().statusCode(400);
        invalid(anonymous()).queryParam("modifiedSince", "yesterday").get("/api/v1/measures").then().statusCode(400);
        invalid(anonymous()).queryParam("actionField", "WW").get("/api/v1/measures").then().statusCode(400);
        invalid(anonymous()).get("/api/v1/organisations/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    /**
     * The client writes its whole body before it reads; the answer must still reach it, every
     * time, rather than a reset connection (which this test saw as a broken pipe before the rest
     * of a refused body was read and dropped).
     */
    @Test
    void aTooLargeBodyIsRefusedWithAProblemThatTheClientGetsToRead() {
        String huge = "{\"actionField\":\"W\",\"title\":\"x\",\"description\":\"" + "a".repeat(1_100_000) + "\"}";
        for (int attempt = 0; attempt < 10; attempt++) {
            invalid(editor()).contentType(ContentType.JSON).body(huge).post("/api/v1/measures").then().statusCode(413)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void aSearchOfOnlyPunctuationFindsNothingInsteadOfFailing() {
        for (String q : new String[] { "'", "!", "-", "&", ":*" }) {
            anonymous().queryParam("q", q).get("/api/v1/measures").then().statusCode(200);
        }
    }

    @Test
    void aForgedCursorIsABadRequest() {
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"measures\",null,null]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        invalid(anonymous()).queryParam("cursor", forged).get("/api/v1/measures").then().statusCode(400);
        String wrongType = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"plans\",\"x\",\"y\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        invalid(anonymous()).queryParam("cursor", wrongType).get("/api/v1/plans").then().statusCode(400);
    }

    @Test
    void aPathReferenceAboveItsLimitIsABadRequest() {
        invalid(anonymous()).get("/api/v1/guidelines/" + "L".repeat(70)).then().statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void noInternalsReachTheClient() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"actionField\":\"W\",\"title\":\"x\",\"progress\":1e99}")
                .post("/api/v1/measures").then().statusCode(400)
                .body(not(containsString("Exception"))).body(not(containsString("jackson")));
    }
}
