package de.fachplan.api.sync.webhooks;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.sun.net.httpserver.HttpServer;

import de.fachplan.api.support.ContractFilter;

/** A real receiver on loopback: it checks every signature, fails twice and then accepts. */
@QuarkusTest
@Tag("integration")
class WebhooksTest {

    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"), "body", body));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.createContext("/down", exchange -> {
            exchange.getRequestBody().readAllBytes();
            refused.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** Unsubscribes this test's receiver, so that no later test's receiver on a reused port hears of it. */
    @AfterEach
    void stopReceiver() {
        List<Map<String, Object>> subscriptions = admin().queryParam("limit", 200).get("/api/v1/webhook-subscriptions")
                .then().statusCode(200).extract().path("items");
        for (Map<String, Object> subscription : subscriptions) {
            if (url().equals(subscription.get("url")) || url().replace("/hooks", "/down").equals(subscription.get("url"))) {
                admin().header("If-Match", "\"" + subscription.get("version") + "\"")
                        .delete("/api/v1/webhook-subscriptions/" + subscription.get("id")).then().statusCode(204);
            }
        }
        receiver.stop(0);
    }

    /** The receiver's own check, written from the Standard Webhooks specification, not from the service's code. */
    private static String signature(String secret, String signed) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(20), condition);
    }

    private static void await(String what, Duration limit, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aStatusChangeIsDeliveredSignedAndRetriedUntilTheReceiverAccepts() throws Exception {
        var subscription = admin().contentType(ContentType.JSON)
                .body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.status_changed\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).body("secret", startsWith("whsec_"))
                .extract();
        String secret = subscription.path("secret");
        String subscriptionId = subscription.path("id");
        failuresLeft.set(2);

        var measure = editor().contentType(ContentType.JSON).body("{\"actionField\":\"S\",\"title\":\"Dolmetscherpool\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();
        editor().contentType(MERGE_PATCH).header("If-Match", (String) measure.header("ETag"))
                .body("{\"status\":\"IMPLEMENTATION\"}").patch("/api/v1/measures/" + measure.path("id"))
                .then().statusCode(200);

        await("three attempts", () -> received.size() >= 3);
        for (Map<String, String> request : received) {
            assertEquals(signature(secret, request.get("id") + "." + request.get("timestamp") + "." + request.get("body")),
                    request.get("signature"));
            assertTrue(request.get("body").contains("\"type\":\"measure.status_changed\""));
            assertTrue(request.get("body").contains("\"status\":\"IMPLEMENTATION\""));
            assertEquals(List.of(), ContractFilter.violations(request.get("body"), "MeasureWebhookEvent"));
        }
        assertEquals(1, received.stream().map(r -> r.get("id")).distinct().count(), "one delivery, retried");
        await("the delivery to succeed", () -> "SUCCEEDED".equals(admin()
                .get("/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries").then().extract()
                .path("items[0].state")));
        admin().get("/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].attempts", hasSize(3))
                .body("items[0].attempts[0].statusCode", equalTo(503))
                .body("items[0].attempts[2].statusCode", equalTo(204));
        admin().get("/api/v1/webhook-subscriptions").then().body("items.find { it.id == '" + subscriptionId + "' }.secret",
                org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aFailedDeliveryCanBeReplayedOnceTheReceiverIsBack() throws Exception {
        String subscriptionId = admin().contentType(ContentType.JSON)
                .body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        failuresLeft.set(3);
        editor().contentType(ContentType.JSON).body("{\"actionField\":\"S\",\"title\":\"Übersetzungsdienst\"}")
                .post("/api/v1/measures").then().statusCode(201);
        String path = "/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries";
        await("the delivery to fail", () -> "FAILED".equals(admin().get(path).then().extract().path("items[0].state")));
        String deliveryId = admin().queryParam("state", "FAILED").get(path).then().body("items", hasSize(1))
                .extract().path("items[0].id");
        admin().post(path + "/" + deliveryId + "/replay").then().statusCode(202).body("state", equalTo("PENDING"));
        await("the replay to succeed", () -> "SUCCEEDED".equals(admin().get(path).then().extract().path("items[0].state")));
        assertEquals(4, received.size());
    }

    @Test
    void aReceiverThatIsDownHoldsBackOnlyItsOwnLaterEventsAndGetsThemInOrder() throws Exception {
        String down = admin().contentType(ContentType.JSON)
                .body("{\"url\":\"" + url().replace("/hooks", "/down") + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        admin().contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201);
        for (String title : List.of("Erstes", "Zweites", "Drittes")) {
            editor().contentType(ContentType.JSON).body("{\"actionField\":\"S\",\"title\":\"" + title + "\"}")
                    .post("/api/v1/measures").then().statusCode(201);
        }
        await("the healthy receiver to hear all three", () -> received.size() >= 3);
        List<Integer> numbers = received.stream()
                .map(r -> Integer.valueOf(r.get("body").replaceAll("(?s).*\"code\":\"S(\\d+)\".*", "$1"))).toList();
        assertEquals(numbers.stream().sorted().toList(), numbers, "the healthy receiver hears them as written");
        String path = "/api/v1/webhook-subscriptions/" + down + "/deliveries";
        // Nine attempts, each after a poll: the scheduler polls about once a second at most.
        await("every delivery to the receiver that is down to fail", Duration.ofSeconds(60), () -> admin().queryParam("state", "FAILED").get(path)
                .then().extract().<List<?>>path("items").size() == 3);
        // Three attempts each (max-attempts in tests), one delivery after the other: never interleaved.
        assertEquals(9, refused.size());
        List<String> order = refused.stream().distinct().toList();
        for (int i = 0; i < refused.size(); i++) {
            assertEquals(order.get(i / 3), refused.get(i), "attempts in order " + refused);
        }
        List<String> created = admin().get(path).then().extract().path("items.id");
        assertEquals(List.of(created.get(2), created.get(1), created.get(0)), order, "oldest first");
    }

    @Test
    void aPartnerHearsOnlyOfMeasuresItMaySee() throws Exception {
        String organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger Webhooks\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        String partner = admin().contentType(ContentType.JSON)
                .body("{\"name\":\"hooks\",\"role\":\"PARTNER\",\"organisationId\":\"" + organisation + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        as(partner).contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201);
        String hidden = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"S\",\"title\":\"Geheim\",\"public\":false}").post("/api/v1/measures").then()
                .statusCode(201).extract().path("id");
        String own = editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"S\",\"title\":\"Eigen\",\"public\":false,\"leadOrganisationId\":\"" + organisation + "\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("id");
        // Deliveries of a subscription go out in the order of their changes: had the hidden measure
        // made one, it would have arrived before the own measure's.
        await("the own measure's event", () -> received.stream().anyMatch(r -> r.get("body").contains(own)));
        assertTrue(received.stream().noneMatch(r -> r.get("body").contains(hidden)));
        assertEquals(1, received.stream().filter(r -> r.get("body").contains("measure.created")).count());
    }

    @Test
    void onlyAdminsAndPartnersSubscribeAndTheUrlIsChecked() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(403);
        invalid(admin()).contentType(ContentType.JSON).body("{\"url\":\"ftp://example.org/x\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(422).body("errors[0].pointer", equalTo("/url"));
    }

    /** The unit test holds the whole table; here a few spellings go through HTTP with the test profile's rules. */
    @ParameterizedTest
    @ValueSource(strings = {"http://[64:ff9b::a9fe:a9fe]/hook", "http://[::ffff:0:10.0.0.1]/hook", "http://[2002:7f00:1::]/hook",
            "http://[::127.0.0.1]/hook", "http://198.18.0.1/hook", "http://255.255.255.255/hook", "http://[100::1]/hook",
            "http://10.0.0.1/hook"})
    void aTargetAtASpecialPurposeAddressIsRefused(String url) {
        admin().contentType(ContentType.JSON).body("{\"url\":\"" + url + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/url"))
                .body("errors[0].detail", containsString("special-purpose address"));
    }

    @Test
    void aSubscriptionIsReadWithItsETagByThoseWhoSeeItInTheList() {
        String organisation = de.fachplan.api.support.Api.organisation("Beispiel-Träger Webhook-Abo");
        String owner = de.fachplan.api.support.Api.partnerKey(organisation);
        String other = de.fachplan.api.support.Api.partnerKey(de.fachplan.api.support.Api.organisation("Anderer Träger"));
        var created = as(owner).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"measure.created\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract();
        String path = "/api/v1/webhook-subscriptions/" + created.path("id");
        String etag = as(owner).get(path).then().statusCode(200).header("ETag", equalTo(created.header("ETag")))
                .body("organisationId", equalTo(organisation)).body("secret", org.hamcrest.Matchers.nullValue())
                .extract().header("ETag");
        as(owner).header("If-None-Match", etag).get(path).then().statusCode(304);
        admin().get(path).then().statusCode(200).body("id", equalTo(created.path("id")));
        as(other).get(path).then().statusCode(404);
        invalid(editor()).get(path).then().statusCode(403);
        as(owner).header("If-Match", etag).delete(path).then().statusCode(204);
        as(owner).get(path).then().statusCode(404);
    }
}
