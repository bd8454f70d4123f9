package de.fachplan.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium (the Debian package) driven over the DevTools protocol with the JDK's own
 * WebSocket client: no Node.js, no driver download. Opens a page, waits for the promise the page
 * leaves in a global, and keeps the page's console and a screenshot for whoever reads the build.
 */
public final class Chromium implements AutoCloseable {

    /** Set by CI: a machine without Chromium fails the browser test instead of skipping it. */
    public static final String REQUIRED = "FACHPLAN_BROWSER_TEST_REQUIRED";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** The browser binary: {@code CHROMIUM_BIN}, else the first of the usual names on the PATH. */
    public static Optional<Path> binary() {
        String configured = System.getenv("CHROMIUM_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    public static Chromium launch(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("fachplan-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--window-size=1000,1100",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            return new Chromium(process, profile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private Chromium(Process process, Path profile) throws IOException, InterruptedException {
        this.process = process;
        this.profile = profile;
        // Chromium writes the port it chose into the profile once DevTools listens.
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        String port = Files.readAllLines(portFile).get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        String target = null;
        while (target == null) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    target = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (target == null && Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Chromium opened no page");
            }
            if (target == null) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(target), new Listener()).join();
        call("Runtime.enable", JSON.createObjectNode());
        call("Page.enable", JSON.createObjectNode());
        call("Log.enable", JSON.createObjectNode());
    }

    /** Opens the page and waits for its load event. */
    public void open(String url) {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        loaded.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The value the promise (or value) that {@code expression} evaluates to resolves with, as JSON. */
    public JsonNode await(String expression) {
        JsonNode answer = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (answer.has("exceptionDetails")) {
            throw new IllegalStateException("the page failed: " + answer.get("exceptionDetails"));
        }
        return answer.path("result").path("value");
    }

    public void screenshot(Path file) throws IOException {
        String png = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.write(file, Base64.getDecoder().decode(png));
    }

    /** A screenshot of the page's top left corner, {@code width} by {@code height} CSS pixels. */
    public void screenshot(Path file, int width, int height) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("format", "png");
        params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
        Files.write(file, Base64.getDecoder().decode(call("Page.captureScreenshot", params).path("data").asText()));
    }

    /** Sends these headers with every request the page makes from now on, as a browser configured so would. */
    public void sendHeaders(Map<String, String> headers) {
        call("Network.enable", JSON.createObjectNode());
        ObjectNode params = JSON.createObjectNode();
        ObjectNode extra = params.putObject("headers");
        headers.forEach(extra::put);
        call("Network.setExtraHTTPHeaders", params);
    }

    /** What the page wrote to its console and the errors it threw, one line each. */
    public List<String> console() {
        return List.copyOf(console);
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        JsonNode result = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (result.has("error")) {
            throw new IllegalStateException(method + " failed: " + result.get("error"));
        }
        return result.path("result");
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Runtime.consoleAPICalled" -> {
                    List<String> values = new ArrayList<>();
                    params.path("args").forEach(a -> values.add(a.has("value") ? a.get("value").asText()
                            : a.path("description").asText()));
                    console.add(params.path("type").asText() + ": " + String.join(" ", values));
                }
                case "Runtime.exceptionThrown" -> console.add("exception: "
                        + params.path("exceptionDetails").path("exception").path("description").asText(
                                params.path("exceptionDetails").path("text").asText()));
                case "Log.entryAdded" -> console.add(params.path("entry").path("level").asText() + ": "
                        + params.path("entry").path("text").asText());
                default -> {
                    // other events are of no interest here
                }
            }
        } catch (IOException e) {
            console.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    /** Collects the fragments of each message; DevTools sends large answers (screenshots) in parts. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
