package de.fachplan.api.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Background pollers that look for work once an hour: what a test then sees done within seconds
 * was started by the commit that made the work, not by a poll. One profile for all such tests, so
 * that they share one start of the application.
 */
public class HourlyPolls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fachplan.webhooks.poll-interval", "1h", "fachplan.controlling.import-poll-interval", "1h");
    }
}
