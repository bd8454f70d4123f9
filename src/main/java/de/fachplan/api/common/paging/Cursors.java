package de.fachplan.api.common.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.problem.ProblemException;

/** Opaque cursors: base64url of the last row's sort values and the query fingerprint. */
final class Cursors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cursors() {
    }

    static String encode(List<String> values, String fingerprint) {
        List<String> payload = new ArrayList<>(values.size() + 1);
        payload.add(fingerprint);
        payload.addAll(values);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
        } catch (Exception e) {
            throw new IllegalStateException("cursor could not be encoded", e);
        }
    }

    static List<String> decode(String cursor, String fingerprint) {
        List<String> payload;
        try {
            payload = JSON.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)),
                    new TypeReference<List<String>>() {
                    });
        } catch (Exception e) {
            throw invalid();
        }
        if (payload == null || payload.isEmpty() || payload.contains(null) || !fingerprint.equals(payload.get(0))) {
            throw invalid();
        }
        return payload.subList(1, payload.size());
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("#/query/cursor",
                "is not a cursor of this list with these filters and this sort; start again without a cursor");
    }
}
