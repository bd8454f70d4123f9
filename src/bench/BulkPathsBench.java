import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The bulk paths of issue 13 in one run, against the packaged service that the bench starts itself
 * (JVM settings of the README's quick start, a fresh embedded database under
 * {@code target/bulk-paths-bench}, webhooks allowed to loopback, every other setting its default):
 *
 * <ol>
 * <li>single-item writes, one client: 1,000 {@code POST /measures} and 300 {@code PATCH}es as a
 *     warm-up, then the medians of 1,000 and 300 more (steady state, not the JIT's first minutes);</li>
 * <li>the status sync: 5 batches of 1,000 progress updates, seconds per batch;</li>
 * <li>webhooks: 10 subscriptions on a fast receiver on loopback, one batch of 1,000 status changes
 *     (10,000 deliveries); deliveries per second from the batch's start to the last delivery (at
 *     most 60 s are waited for), duplicates, and whether each subscription heard its events in order;</li>
 * <li>a failing target: a partner whose receiver never answers (each attempt runs into the 10 s
 *     timeout) holds 1,000 pending deliveries, while another partner's subscriber is sent 20
 *     single changes; the latency from each write to its delivery (15 s at most, the step ends after
 *     three that did not arrive);</li>
 * <li>an import job of 50,000 rows (100 indicators, 500 months), from the upload's {@code 202} to
 *     {@code SUCCEEDED}.</li>
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B package -DskipTests && java src/bench/BulkPathsBench.java [jar] [port] [import]}
 * (defaults {@code target/quarkus-app/quarkus-run.jar}, 8091). With {@code import} as third
 * argument only the import job runs (on the same fresh database), to measure that path alone. The
 * figures are one run each on a shared machine: read them as orders of magnitude. Not a test.
 */
public class BulkPathsBench {

    /** A fresh key per run: the service refuses a bootstrap key with less than 128 bits of entropy. */
    private static final String ADMIN = "fpk_" + java.util.HexFormat.of().formatHex(
            new java.security.SecureRandom().generateSeed(20));
    private static final String JVM = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmx160m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, String> FIGURES = new LinkedHashMap<>();
    private static String base;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8091;
        boolean importOnly = args.length > 2 && args[2].equals("import");
        base = "http://127.0.0.1:" + port;
        Path dir = Path.of("target/bulk-paths-bench").toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(JVM.split(" ")));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("FACHPLAN_EMBEDDED_DB_DATA_DIR", dir.resolve("postgres").toString());
        builder.environment().put("FACHPLAN_BOOTSTRAP_ADMIN_KEY", ADMIN);
        builder.environment().put("FACHPLAN_WEBHOOKS_REQUIRE_HTTPS", "false");
        builder.environment().put("FACHPLAN_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Process service = builder.start();
        try {
            awaitReady(service, dir.resolve("service.log"));
            if (!importOnly) {
                List<String> measures = singleItemWrites();
                statusSync(measures);
                webhookThroughput(measures);
                failingTarget(measures);
            }
            importJob();
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        System.out.println("\n== Figures (" + jar + ", load average at the end " + Files.readString(Path.of("/proc/loadavg"))
                .split(" ")[0] + ")");
        FIGURES.forEach((k, v) -> System.out.printf("  %-62s %s%n", k, v));
        System.exit(0);
    }

    // --- 1. single-item writes ---------------------------------------------------------------

    static List<String> singleItemWrites() throws Exception {
        // The first round warms the JVM up: during a fresh service's first thousand writes the JIT
        // compiles the write path and takes more CPU than the requests themselves, so a median over
        // them measures the compiler. Only the second round is timed.
        List<String> ids = List.of();
        List<Double> creates = new ArrayList<>();
        List<Double> patches = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            creates.clear();
            patches.clear();
            List<String> created = createMeasures(1000, round, creates);
            for (int i = 0; i < 300; i++) {
                String id = created.get(i);
                String etag = send("GET", "/api/v1/measures/" + id, ADMIN, null, null, 200).headers()
                        .firstValue("ETag").orElseThrow();
                long start = System.nanoTime();
                sendWith("PATCH", "/api/v1/measures/" + id, ADMIN, "application/merge-patch+json",
                        "{\"progress\":" + (i % 90 + 1) + "}", 200, Map.of("If-Match", etag));
                patches.add((System.nanoTime() - start) / 1e6);
            }
            ids = created;
        }
        FIGURES.put("single writes: POST /measures, median of 1,000 after 1,000 warm-up", ms(median(creates)));
        FIGURES.put("single writes: PATCH /measures/{id}, median of 300 after 300 warm-up", ms(median(patches)));
        return ids;
    }

    private static List<String> createMeasures(int count, int round, List<Double> times) throws Exception {
        String[] fields = { "M", "R", "B", "W", "S", "F", "G", "P", "Q", "C" };
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> created = send("POST", "/api/v1/measures", ADMIN, "application/json",
                    "{\"actionField\":\"" + fields[i % 10] + "\",\"title\":\"Benchmark-Vorhaben " + round + "-" + i
                            + "\",\"illustrative\":true,\"status\":\"IMPLEMENTATION\"}", 201);
            times.add((System.nanoTime() - start) / 1e6);
            ids.add(field(created.body(), "id"));
        }
        return ids;
    }

    // --- 2. status sync ----------------------------------------------------------------------

    static void statusSync(List<String> measures) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            String answer = send("POST", "/api/v1/measure-status-updates", ADMIN, "application/json",
                    progressBatch(measures, run), 207).body();
            seconds.add((System.nanoTime() - start) / 1e9);
            requireAllApplied(answer, measures.size());
        }
        FIGURES.put("status sync: batch of 1,000, seconds per run", seconds.stream()
                .map(s -> String.format(Locale.ROOT, "%.2f", s)).toList() + ", median "
                + String.format(Locale.ROOT, "%.2f s", median(seconds)));
    }

    static String progressBatch(List<String> measures, int run) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < measures.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"reference\":\"r").append(i).append("\",\"measure\":\"")
                    .append(measures.get(i)).append("\",\"progress\":").append((run * 7 + i) % 100).append('}');
        }
        return body.append("]}").toString();
    }

    static void requireAllApplied(String answer, int items) {
        long applied = answer.split("\"status\":200").length - 1;
        if (applied != items) {
            throw new IllegalStateException("only " + applied + " of " + items + " items applied");
        }
    }

    // --- 3. webhook throughput ---------------------------------------------------------------

    static void webhookThroughput(List<String> measures) throws Exception {
        int subscriptions = 10;
        Map<String, List<String>> timestamps = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong last = new AtomicLong();
        HttpServer receiver = receiver((path, id, body) -> {
            if (!seen.add(id)) {
                duplicates.incrementAndGet();
            }
            timestamps.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>()))
                    .add(field(body, "timestamp"));
            last.set(System.nanoTime());
            return 204;
        });
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < subscriptions; i++) {
                ids.add(subscribe(ADMIN, receiver, "/s" + i));
            }
            long start = System.nanoTime();
            requireAllApplied(send("POST", "/api/v1/measure-status-updates", ADMIN, "application/json",
                    progressBatch(measures, 11), 207).body(), measures.size());
            double written = (System.nanoTime() - start) / 1e9;
            int expected = subscriptions * measures.size();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double seconds = ((seen.size() < expected ? System.nanoTime() : last.get()) - start) / 1e9;
            boolean ordered = timestamps.values().stream().allMatch(BulkPathsBench::nonDecreasing);
            FIGURES.put("webhooks: 10 subscriptions x 1,000 changes, delivered",
                    String.format(Locale.ROOT, "%,d of %,d in %.1f s = %,.0f deliveries/s (batch written in %.1f s)",
                            seen.size(), expected, seconds, seen.size() / seconds, written));
            FIGURES.put("webhooks: duplicates, order per subscription", duplicates.get() + ", "
                    + (ordered ? "in order" : "OUT OF ORDER"));
        } finally {
            for (String id : ids) {
                unsubscribe(ADMIN, id);
            }
            receiver.stop(0);
        }
    }

    // --- 4. a failing target -----------------------------------------------------------------

    static void failingTarget(List<String> measures) throws Exception {
        String stalled = partner("Benchmark-Träger mit Ausfall");
        String healthy = partner("Benchmark-Träger erreichbar");
        HttpServer silent = receiver((path, id, body) -> {
            Thread.sleep(60_000);
            return 204;
        });
        Map<String, Long> heard = new ConcurrentHashMap<>();
        HttpServer fast = receiver((path, id, body) -> {
            heard.putIfAbsent(field(body, "id") + field(body, "progress"), System.nanoTime());
            return 204;
        });
        String stalledSubscription = subscribe(stalled, silent, "/down");
        requireAllApplied(send("POST", "/api/v1/measure-status-updates", ADMIN, "application/json",
                progressBatch(measures, 13), 207).body(), measures.size());
        String healthySubscription = subscribe(healthy, fast, "/up");
        try {
            List<Double> latencies = new ArrayList<>();
            int missed = 0;
            for (int i = 0; i < 20 && missed < 3; i++) {
                String id = measures.get(i);
                String etag = send("GET", "/api/v1/measures/" + id, ADMIN, null, null, 200).headers().firstValue("ETag")
                        .orElseThrow();
                int progress = 50 + i;
                long start = System.nanoTime();
                sendWith("PATCH", "/api/v1/measures/" + id, ADMIN, "application/merge-patch+json",
                        "{\"progress\":" + progress + "}", 200, Map.of("If-Match", etag));
                long deadline = start + TimeUnit.SECONDS.toNanos(15);
                while (!heard.containsKey(id + progress) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Long at = heard.get(id + progress);
                missed += at == null ? 1 : 0;
                latencies.add(at == null ? Double.POSITIVE_INFINITY : (at - start) / 1e6);
            }
            Collections.sort(latencies);
            FIGURES.put("failing target: another partner's changes, write to delivery",
                    latencies.size() - missed + " of " + latencies.size() + " delivered within 15 s (the step ends after 3"
                            + " missed); median " + ms(median(latencies)) + ", max "
                            + ms(latencies.get(latencies.size() - 1)));
        } finally {
            unsubscribe(stalled, stalledSubscription);
            unsubscribe(healthy, healthySubscription);
            silent.stop(0);
            fast.stop(0);
        }
    }

    // --- 5. an import job --------------------------------------------------------------------

    static void importJob() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 46656, 36).toUpperCase(Locale.ROOT);
        StringBuilder csv = new StringBuilder("indicator,period,value\n");
        for (int i = 0; i < 100; i++) {
            String code = "Z" + run + (i < 10 ? "0" : "") + i;
            send("POST", "/api/v1/indicators", ADMIN, "application/json", "{\"code\":\"" + code
                    + "\",\"name\":{\"de\":\"Benchmark " + i + "\"},\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\","
                    + "\"frequency\":\"MONTHLY\",\"actionField\":\"C\",\"illustrative\":true}", 201);
            for (int month = 0; month < 500; month++) {
                csv.append(code).append(',').append(1980 + month / 12).append('-')
                        .append(month % 12 < 9 ? "0" : "").append(month % 12 + 1).append(',').append(month % 97)
                        .append('\n');
            }
        }
        long start = System.nanoTime();
        HttpResponse<String> accepted = send("POST", "/api/v1/indicator-value-imports", ADMIN, "text/csv",
                csv.toString(), 202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        String state = "QUEUED";
        String body = "";
        long deadline = start + TimeUnit.MINUTES.toNanos(10);
        while (!state.equals("SUCCEEDED") && !state.equals("FAILED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = send("GET", URI.create(location).getRawPath(), ADMIN, null, null, 200).body();
            state = field(body, "state");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        FIGURES.put("import job: 50,000 rows, 202 to " + state, String.format(Locale.ROOT, "%.1f s (%s)", seconds,
                body.replaceAll(".*(\"appliedRows\":\\d+).*(\"failedRows\":\\d+).*", "$1, $2")));
    }

    // --- helpers -----------------------------------------------------------------------------

    interface Handler {
        int handle(String path, String webhookId, String body) throws Exception;
    }

    static HttpServer receiver(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/", exchange -> {
            int status = 500;
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                status = handler.handle(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"), body);
            } catch (Exception e) {
                status = 500;
            } finally {
                try {
                    exchange.sendResponseHeaders(status, -1);
                } catch (IOException gone) {
                    // the service gave up on this attempt
                }
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16, work -> {
            Thread thread = new Thread(work);
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    static String subscribe(String key, HttpServer receiver, String path) throws Exception {
        return field(send("POST", "/api/v1/webhook-subscriptions", key, "application/json",
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + path
                        + "\",\"eventTypes\":[\"measure.updated\",\"measure.status_changed\"]}", 201).body(), "id");
    }

    static void unsubscribe(String key, String id) throws Exception {
        String version = field(send("GET", "/api/v1/webhook-subscriptions?limit=200", key, null, null, 200).body()
                .replaceAll(".*\\{([^{}]*\"id\":\"" + id + "\"[^{}]*)\\}.*", "$1"), "version");
        sendWith("DELETE", "/api/v1/webhook-subscriptions/" + id, key, null, null, 204,
                Map.of("If-Match", "\"" + version + "\""));
    }

    static String partner(String name) throws Exception {
        String organisation = field(send("POST", "/api/v1/organisations", ADMIN, "application/json",
                "{\"name\":\"" + name + " " + System.nanoTime() + "\",\"type\":\"ASSOCIATION\",\"illustrative\":true}", 201)
                .body(), "id");
        return field(send("POST", "/api/v1/api-keys", ADMIN, "application/json", "{\"name\":\"" + name
                + "\",\"role\":\"PARTNER\",\"organisationId\":\"" + organisation + "\"}", 201).body(), "key");
    }

    static boolean nonDecreasing(List<String> times) {
        synchronized (times) {
            for (int i = 1; i < times.size(); i++) {
                if (OffsetDateTime.parse(times.get(i)).isBefore(OffsetDateTime.parse(times.get(i - 1)))) {
                    return false;
                }
            }
            return true;
        }
    }

    static void awaitReady(Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited while starting; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready after 3 minutes; see " + log);
    }

    static HttpResponse<String> send(String method, String path, String key, String type, String body, int expected)
            throws Exception {
        return sendWith(method, path, key, type, body, expected, Map.of());
    }

    static HttpResponse<String> sendWith(String method, String path, String key, String type, String body, int expected,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json.substring(0, Math.min(json.length(), 300)));
        }
        return matcher.group(1);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String ms(double millis) {
        return Double.isInfinite(millis) ? "not delivered" : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
