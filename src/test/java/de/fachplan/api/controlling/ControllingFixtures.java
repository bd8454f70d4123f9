package de.fachplan.api.controlling;

import static de.fachplan.api.support.Api.editor;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Organisations, partner keys, measures and indicators the controlling tests set up through the API. */
final class ControllingFixtures {

    private ControllingFixtures() {
    }



    /** A new measure in action field C (Controlling und Förderung); returns its code. */
    static String measure() {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"C\",\"title\":\"Kennzahlengestützte Steuerung\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("code");
    }

    /** Defines an indicator from the members in {@code json} (without braces) under a new code; returns the code. */
    static String indicator(String json) {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":{\"de\":\"Testkennzahl\"}," + json + "}")
                .post("/api/v1/indicators").then().statusCode(201);
        return code;
    }
}
