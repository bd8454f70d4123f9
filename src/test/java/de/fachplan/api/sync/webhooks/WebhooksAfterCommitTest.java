package de.fachplan.api.sync.webhooks;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.editor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.sun.net.httpserver.HttpServer;

import de.fachplan.api.support.HourlyPolls;
import de.fachplan.api.support.Polling;

/**
 * A change's deliveries leave when the change commits, not at the dispatcher's next poll: with a
 * poll of an hour, only the commit can have sent them.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(HourlyPolls.class)
class WebhooksAfterCommitTest {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aStatusChangeIsSentWhenItCommitsWithoutWaitingForThePoll() {
        admin().contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hooks\",\"eventTypes\":[\"measure.status_changed\"]}")
                .post("/api/v1/webhook-subscriptions").then().statusCode(201);
        var measure = editor().contentType(ContentType.JSON).body("{\"actionField\":\"S\",\"title\":\"Sofortmeldung\"}")
                .post("/api/v1/measures").then().statusCode(201).extract();

        for (String status : List.of("IMPLEMENTATION", "FINALISATION")) {
            String etag = editor().get("/api/v1/measures/" + measure.path("id")).then().extract().header("ETag");
            editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"status\":\"" + status + "\"}")
                    .patch("/api/v1/measures/" + measure.path("id")).then().statusCode(200);
            int expected = status.equals("IMPLEMENTATION") ? 1 : 2;
            Polling.eventually(Duration.ofSeconds(15), () -> received.size() >= expected);
            assertEquals(expected, received.size());
            assertTrue(received.get(expected - 1).contains("\"status\":\"" + status + "\""), received.toString());
        }
    }
}
