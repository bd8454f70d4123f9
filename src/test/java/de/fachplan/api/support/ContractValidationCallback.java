package de.fachplan.api.support;

import java.nio.charset.StandardCharsets;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;

/** Puts the contract check in front of every REST Assured request of every @QuarkusTest class. */
public class ContractValidationCallback implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
            RestAssured.filters(new ContractFilter());
            // JSON is UTF-8 (RFC 8259); REST Assured would send merge-patch bodies as ISO-8859-1.
            RestAssured.config = RestAssured.config().encoderConfig(
                    EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8));
        }
    }
}
