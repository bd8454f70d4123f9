package de.fachplan.api.common.history;

/** The resources whose writes are recorded, and whether they are in the change feed as well. */
public enum ResourceType {
    MEASURE("measure", true),
    ORGANISATION("organisation", true),
    TARGET_GROUP("target-group", true),
    API_KEY("api-key", false),
    WEBHOOK_SUBSCRIPTION("webhook-subscription", false),
    ACCOMMODATION_FACILITY("accommodation-facility", true),
    CAPACITY_RECORD("capacity-record", false),
    CITYWIDE_FIGURE("citywide-figure", false),
    FORECAST_SCENARIO("forecast-scenario", false),
    INDICATOR("indicator", true),
    INDICATOR_VALUE("indicator-value", true);

    private final String wireName;
    private final boolean inChangeFeed;

    ResourceType(String wireName, boolean inChangeFeed) {
        this.wireName = wireName;
        this.inChangeFeed = inChangeFeed;
    }

    public String wireName() {
        return wireName;
    }

    public boolean inChangeFeed() {
        return inChangeFeed;
    }

    public static ResourceType ofWireName(String name) {
        for (ResourceType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
