package de.fachplan.api.capacity;

import static de.fachplan.api.support.Api.editor;

import java.util.UUID;

import io.restassured.http.ContentType;

/**
 * Facilities and partners for the capacity tests. Every facility gets opening and closing dates
 * within a year of its own test class, so that the months one class records stay complete or
 * incomplete whatever the other classes create.
 */
final class CapacityTestData {

    private CapacityTestData() {
    }



    /** Registers a facility open throughout {@code year}; returns its code. */
    static String facility(String codePrefix, String district, String operator, String street, int plannedPlaces,
            int year) {
        String code = codePrefix + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Testunterkunft\",\"type\":\"SHARED_ACCOMMODATION\","
                        + "\"district\":\"" + district + "\",\"operatorOrganisationId\":\"" + operator + "\","
                        + "\"streetAddress\":\"" + street + "\",\"plannedPlaces\":" + plannedPlaces + ","
                        + "\"openedOn\":\"" + year + "-01-01\",\"closedOn\":\"" + year + "-12-31\",\"illustrative\":true}")
                .post("/api/v1/accommodation-facilities").then().statusCode(201);
        return code;
    }

    static String figures(int available, int blocked, int housed) {
        return "{\"placesAvailable\":" + available + ",\"placesBlocked\":" + blocked + ",\"personsHoused\":" + housed + "}";
    }
}
