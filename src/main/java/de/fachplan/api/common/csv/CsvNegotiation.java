package de.fachplan.api.common.csv;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Content negotiation for operations that answer JSON by default and CSV for scripts. */
public final class CsvNegotiation {

    private CsvNegotiation() {
    }

    /** CSV when the client accepts it and prefers it to JSON (the first compatible type in quality order wins). */
    public static boolean preferred(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }
}
