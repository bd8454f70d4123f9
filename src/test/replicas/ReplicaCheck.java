import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Several replicas, one database. Started by {@code run.sh} with an empty PostgreSQL prepared
 * (not running); starts it and three instances of the packaged service at the same time, and
 * checks what a load-balanced deployment relies on:
 * <ol>
 * <li>the schema is migrated exactly once, all three become ready;</li>
 * <li>a write through one instance reads back through the others with the same ETag;</li>
 * <li>reads kept in memory: a write acknowledged by one instance is read back by the others within
 * the staleness bound (1 s), also after an instance lost its notification connection, and at once
 * on the instance that took it;</li>
 * <li>an Idempotency-Key used on one instance replays on another;</li>
 * <li>each webhook event is delivered once, not once per replica;</li>
 * <li>webhooks under load: several subscriptions served by the three instances at once, each in
 * order and without duplicates (deliveries per second), while a partner's receiver that never
 * answers holds a backlog: another subscriber's events still arrive within a poll or two;</li>
 * <li>a change-feed client alternating between instances misses and repeats nothing;</li>
 * <li>SIGKILL of one instance amid writes: every acknowledged write is in the database, none is
 * half-written, the others keep answering; the killed one is the instance running a CSV import
 * job at that moment, and another instance finishes the job with every row applied exactly once;</li>
 * <li>the database stopped for a while under load: 503 problem+json, readiness DOWN within 5 s,
 * recovery without restarts;</li>
 * <li>SIGTERM amid webhook deliveries and an import job: readiness DOWN at once while requests are
 * still served, then a clean exit without ERROR or WARN lines in its log.</li>
 * </ol>
 * Prints figures and ends with "replicas: N passed, M failed"; exits non-zero on any failure.
 */
public class ReplicaCheck {

    static final String ADMIN_KEY = "fpk_BG15UQ9nB5oobxMTQx4heC3B58YC4i7lR5VVBS8VI0l";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Map<String, String> FIGURES = new LinkedHashMap<>();
    static final int OUTAGE_SECONDS = Integer.parseInt(System.getenv().getOrDefault("OUTAGE_SECONDS", "30"));

    static final String PG_BIN = env("PG_BIN");
    static final String PG_DATA = env("PG_DATA");
    static final String PG_SOCKET_DIR = env("PG_SOCKET_DIR");
    static final List<String> PG_AS = List.of(System.getenv().getOrDefault("PG_AS", "env").trim().split("\\s+"));
    static final String PG_PASSWORD = env("PG_PASSWORD");
    static final Path WORK = Path.of(env("WORK"));

    static int passed;
    static int failed;
    static int pgPort;
    static final List<Instance> instances = new ArrayList<>();

    record Instance(String name, int port, Process process, Path log) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public static void main(String[] args) throws Exception {
        long begin = System.nanoTime();
        try {
            startDatabase();
            startInstances();
            schemaMigratedOnce();
            writesReadBackEverywhere();
            cachedReadsFollowWritesOfOtherInstances();
            idempotencyKeysWorkAcrossInstances();
            webhooksAreDeliveredOnce();
            webhookThroughputAndFairness();
            changeFeedAcrossInstances();
            killOneInstanceAmidWrites();
            databaseOutageUnderLoad();
            gracefulShutdown();
        } catch (Throwable e) {
            check(false, "the check ran to the end (" + e + ")");
            e.printStackTrace();
        } finally {
            for (Instance instance : instances) {
                instance.process().destroyForcibly();
            }
            pgCtl("stop", "-m", "fast");
        }
        logsKeepSecretsAndContentOut();
        FIGURES.put("whole check", seconds(System.nanoTime() - begin));
        for (Instance instance : instances) {
            List<String> errors = Files.readAllLines(instance.log()).stream().filter(l -> l.contains("\"level\":\"ERROR\""))
                    .toList();
            FIGURES.put("ERROR log lines of instance " + instance.name(), Integer.toString(errors.size()));
            errors.stream().limit(3).forEach(l -> System.out.println(instance.name() + ": " + l.substring(0, Math.min(l.length(), 1500))));
        }
        System.out.println("\n== Figures");
        FIGURES.forEach((k, v) -> System.out.printf("  %-52s %s%n", k, v));
        System.out.println();
        System.out.println("replicas: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    // --- 1. start -------------------------------------------------------------------------

    static void startDatabase() throws Exception {
        pgPort = freePort();
        pgCtl("start", "-w", "-t", "60", "-l", Path.of(PG_SOCKET_DIR).resolve("postgres.log").toString(), "-o",
                "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + PG_SOCKET_DIR + " -c max_connections=200");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fachplan");
        }
        System.out.println("PostgreSQL on 127.0.0.1:" + pgPort + ", empty database fachplan");
    }

    static void startInstances() throws Exception {
        long start = System.nanoTime();
        for (String name : List.of("A", "B", "C")) {
            int port = freePort();
            Path log = WORK.resolve("instance-" + name + ".log");
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", env("APP_JAR"));
            Map<String, String> e = pb.environment();
            e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            e.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
            e.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            e.put("QUARKUS_DATASOURCE_PASSWORD", PG_PASSWORD);
            e.put("FACHPLAN_EMBEDDED_DB_ENABLED", "false");
            e.put("FACHPLAN_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
            e.put("FACHPLAN_WEBHOOKS_REQUIRE_HTTPS", "false");
            e.put("FACHPLAN_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
            e.put("FACHPLAN_WEBHOOKS_POLL_INTERVAL", "0.3s");
            e.put("FACHPLAN_WEBHOOKS_RETRY_BASE", "PT1S");
            e.put("FACHPLAN_CONTROLLING_IMPORT_POLL_INTERVAL", "1s");
            e.put("FACHPLAN_CONTROLLING_IMPORT_LEASE", "PT15S");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            instances.add(new Instance(name, port, pb.start(), log));
        }
        List<Thread> waits = new ArrayList<>();
        Map<String, Long> readyAfter = new ConcurrentHashMap<>();
        for (Instance instance : instances) {
            Thread t = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while (System.nanoTime() < deadline && instance.process().isAlive()) {
                    if (get(instance, "/q/health/ready", null).status() == 200) {
                        readyAfter.put(instance.name(), System.nanoTime() - start);
                        return;
                    }
                    sleep(200);
                }
            });
            t.start();
            waits.add(t);
        }
        for (Thread t : waits) {
            t.join();
        }
        for (Instance instance : instances) {
            Long after = readyAfter.get(instance.name());
            check(after != null, "instance " + instance.name() + " became ready");
            FIGURES.put("instance " + instance.name() + " ready after (3 starting at once)",
                    after == null ? "never" : seconds(after));
        }
        if (readyAfter.size() < 3) {
            for (Instance instance : instances) {
                System.out.println("--- log of " + instance.name());
                System.out.println(tail(instance.log(), 60));
            }
            throw new IllegalStateException("not all instances started");
        }
    }

    static void schemaMigratedOnce() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT (id, author, filename)),"
                    + " count(DISTINCT deployment_id) FROM databasechangelog");
            r.next();
            int rows = r.getInt(1);
            check(rows > 0 && rows == r.getInt(2), "every changeset is recorded exactly once (" + rows + " rows)");
            check(r.getInt(3) == 1, "all changesets were applied in one deployment, by one instance");
            r = s.executeQuery("SELECT bool_or(locked) FROM databasechangeloglock");
            r.next();
            check(!r.getBoolean(1), "the Liquibase lock is released");
            FIGURES.put("changesets applied", Integer.toString(rows));
        }
        int migrators = 0;
        for (Instance instance : instances) {
            if (Files.readString(instance.log()).contains("ran successfully")) {
                migrators++;
            }
        }
        check(migrators == 1, "exactly one instance ran changesets (" + migrators + " did)");
        String line = Files.readString(instances.get(0).log()).lines().filter(l -> l.startsWith("{"))
                .findFirst().orElse("");
        check(line.contains("\"level\"") && line.contains("\"message\""), "the production profile logs JSON lines");
    }

    // --- 2. consistency across instances --------------------------------------------------

    static void writesReadBackEverywhere() {
        Instance a = instances.get(0), b = instances.get(1), c = instances.get(2);
        Answer created = send(a, "POST", "/api/v1/measures", measure("Über Replikate"), Map.of());
        check(created.status() == 201, "create through A: " + created.status());
        String code = created.json().path("code").asText();
        for (Instance other : List.of(b, c)) {
            Answer read = get(other, "/api/v1/measures/" + code, ADMIN_KEY);
            check(read.status() == 200 && created.header("ETag").equals(read.header("ETag")),
                    "read through " + other.name() + " has the ETag of the write through A");
        }
        Answer changed = send(b, "PATCH", "/api/v1/measures/" + code, "{\"title\":\"Geändert über B\"}",
                Map.of("If-Match", created.header("ETag"), "Content-Type", "application/merge-patch+json"));
        check(changed.status() == 200, "change through B with A's ETag: " + changed.status());
        Answer stale = send(c, "PATCH", "/api/v1/measures/" + code, "{\"title\":\"Veraltet über C\"}",
                Map.of("If-Match", created.header("ETag"), "Content-Type", "application/merge-patch+json"));
        check(stale.status() == 412, "a change through C with the old ETag is refused: " + stale.status());
        Answer readA = get(a, "/api/v1/measures/" + code, ADMIN_KEY);
        check(changed.header("ETag").equals(readA.header("ETag"))
                && readA.json().path("title").asText().equals("Geändert über B"), "A reads B's change");
    }

    /**
     * Every instance keeps rendered reads in memory and hears of other instances' writes through
     * PostgreSQL's NOTIFY. Each round warms the anonymous caches of B and C, changes the measure
     * through A, then polls B and C until they show it: the time from A's acknowledgment to the
     * change being visible must stay within the bound of 1 s. Halfway through, B's listening
     * connection is killed on the server, as a network or database restart would.
     */
    static void cachedReadsFollowWritesOfOtherInstances() throws Exception {
        Instance a = instances.get(0), b = instances.get(1), c = instances.get(2);
        Answer created = send(a, "POST", "/api/v1/measures", measure("Zwischengespeichert über Replikate"), Map.of());
        String code = created.json().path("code").asText();
        String list = "/api/v1/measures?actionField=B&limit=200&sort=-updatedAt";
        String etag = created.header("ETag");
        List<Long> lags = new ArrayList<>();
        boolean ownWriteAlwaysSeen = true;
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            if (round == rounds / 2) {
                try (Connection connection = db(); var statement = connection.createStatement();
                        var killed = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) AS n FROM"
                                + " (SELECT pid FROM pg_stat_activity WHERE application_name = 'fachplan-data-changes'"
                                + " ORDER BY backend_start LIMIT 1) l")) {
                    killed.next();
                    check(killed.getInt("n") == 1, "one instance's notification connection killed on the server");
                }
            }
            for (int i = 0; i < 3; i++) {
                for (Instance reader : List.of(b, c)) {
                    get(reader, "/api/v1/measures/" + code, null);
                    get(reader, list, null);
                }
            }
            String title = "Runde " + round + " über A";
            Answer changed = send(a, "PATCH", "/api/v1/measures/" + code, "{\"title\":\"" + title + "\"}",
                    Map.of("If-Match", etag, "Content-Type", "application/merge-patch+json"));
            long acknowledged = System.nanoTime();
            check(changed.status() == 200, "round " + round + ": change through A: " + changed.status());
            etag = changed.header("ETag");
            ownWriteAlwaysSeen &= title.equals(get(a, "/api/v1/measures/" + code, null).json().path("title").asText())
                    && get(a, list, null).body().contains(title);
            for (Instance reader : List.of(b, c)) {
                long deadline = acknowledged + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < deadline && !(title.equals(get(reader, "/api/v1/measures/" + code, null)
                        .json().path("title").asText()) && get(reader, list, null).body().contains(title))) {
                    Thread.onSpinWait();
                }
                lags.add(System.nanoTime() - acknowledged);
            }
        }
        Collections.sort(lags);
        long max = lags.get(lags.size() - 1);
        FIGURES.put("cached reads: lag of other instances, median", String.format("%.0f ms", lags.get(lags.size() / 2) / 1e6));
        FIGURES.put("cached reads: lag of other instances, max", String.format("%.0f ms", max / 1e6));
        check(ownWriteAlwaysSeen, "A reads its own acknowledged write at once, " + rounds + " rounds");
        check(max <= Duration.ofSeconds(1).toNanos(), "B and C show A's write within 1 s in all " + rounds
                + " rounds, also after a lost notification connection (max " + max / 1_000_000 + " ms)");
    }

    static void idempotencyKeysWorkAcrossInstances() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = measure("Idempotent über Replikate");
        Answer first = send(instances.get(0), "POST", "/api/v1/measures", body, Map.of("Idempotency-Key", key));
        Answer replay = send(instances.get(1), "POST", "/api/v1/measures", body, Map.of("Idempotency-Key", key));
        check(first.status() == 201 && replay.status() == 201 && "true".equals(replay.header("Idempotency-Replayed"))
                && URI.create(first.header("Location")).getPath().equals(URI.create(replay.header("Location")).getPath()),
                "an Idempotency-Key used on A replays on B");
        // The same key sent to all three at the same moment: one creates, none creates a second.
        String raced = UUID.randomUUID().toString();
        String racedBody = measure("Gleichzeitig " + raced);
        List<Answer> answers = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Instance instance : instances) {
            threads.add(started(() -> answers.add(
                    send(instance, "POST", "/api/v1/measures", racedBody, Map.of("Idempotency-Key", raced)))));
        }
        for (Thread t : threads) {
            t.join();
        }
        // A replay answered by another instance carries that instance's host and port: compare paths.
        long created = answers.stream().filter(x -> x.status() == 201)
                .map(x -> URI.create(x.header("Location")).getPath()).distinct().count();
        boolean allExpected = answers.stream().allMatch(x -> x.status() == 201 || x.status() == 409);
        try (Connection c = db(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*) FROM measure WHERE title = 'Gleichzeitig " + raced + "'");
            r.next();
            int stored = r.getInt(1);
            check(stored == 1 && created == 1 && allExpected,
                    "one key sent to A, B and C at once creates exactly one measure (answers "
                            + answers.stream().map(Answer::status).toList() + ", stored " + stored + ")");
        }
    }

    static void webhooksAreDeliveredOnce() throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Answer subscription = send(instances.get(0), "POST", "/api/v1/webhook-subscriptions",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
                            + "\"eventTypes\":[\"measure.created\"]}", Map.of());
            check(subscription.status() == 201, "webhook subscription created: " + subscription.status());
            int events = 30;
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                send(instances.get(i % 3), "POST", "/api/v1/measures", measure("Webhook " + i), Map.of());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < events && System.nanoTime() < deadline) {
                sleep(100);
            }
            FIGURES.put("webhooks: " + events + " events delivered after", seconds(System.nanoTime() - start));
            sleep(1500); // several poll intervals of every replica: time for a duplicate to show
            int duplicates = received.values().stream().mapToInt(n -> n.get() - 1).sum();
            check(received.size() == events, "every webhook event arrived (" + received.size() + " of " + events + ")");
            check(duplicates == 0, "no webhook event arrived twice (" + duplicates + " duplicates)");
            try (Connection c = db(); Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT delivery_id) FROM webhook_attempt");
                r.next();
                check(r.getInt(1) == events && r.getInt(2) == events,
                        "one attempt per delivery in the delivery log (" + r.getInt(1) + " attempts)");
            }
            String id = subscription.json().path("id").asText();
            send(instances.get(0), "DELETE", "/api/v1/webhook-subscriptions/" + id, null, Map.of());
        } finally {
            receiver.stop(0);
        }
    }

    /** A receiver on loopback that answers every request with {@code handler}'s status. */
    static HttpServer receiver(java.util.function.ToIntBiFunction<String, String> handler) throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = handler.applyAsInt(exchange.getRequestURI().getPath(), body);
            try {
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException gone) {
                // the sender gave up on this attempt
            }
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(12, work -> {
            Thread thread = new Thread(work);
            thread.setDaemon(true);
            return thread;
        }));
        receiver.start();
        return receiver;
    }

    static String subscribe(Instance instance, String key, HttpServer receiver, String path) {
        Answer subscribed = call(instance, "POST", "/api/v1/webhook-subscriptions", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + path + "\",\"eventTypes\":[\"measure.updated\"]}",
                Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
        check(subscribed.status() == 201, "webhook subscription " + path + " created: " + subscribed.status());
        return subscribed.json().path("id").asText();
    }

    static String partnerKey(String name) {
        Instance a = instances.get(0);
        String organisation = send(a, "POST", "/api/v1/organisations", "{\"name\":\"" + name + " "
                + UUID.randomUUID() + "\",\"type\":\"ASSOCIATION\",\"illustrative\":true}", Map.of())
                .json().path("id").asText();
        return send(a, "POST", "/api/v1/api-keys", "{\"name\":\"" + name + "\",\"role\":\"PARTNER\","
                + "\"organisationId\":\"" + organisation + "\"}", Map.of()).json().path("key").asText();
    }

    /**
     * Eight city subscriptions on a fast receiver and one partner whose receiver never answers;
     * 300 measures change in one status batch (2,400 deliveries to the fast receiver). Then one
     * more change at a time, whose delivery to another partner is timed while the silent
     * receiver's backlog waits.
     */
    static void webhookThroughputAndFairness() throws Exception {
        Map<String, List<String>> heard = new ConcurrentHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        HttpServer fast = receiver((path, body) -> {
            String id = body.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            String progress = body.replaceAll("(?s).*\"progress\":(\\d+).*", "$1");
            if (!seen.add(path + id + "@" + progress)) {
                duplicates.incrementAndGet();
            }
            heard.computeIfAbsent(path, p -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(body.replaceAll("(?s).*\"timestamp\":\"([^\"]+)\".*", "$1"));
            last.set(System.nanoTime());
            return 204;
        });
        HttpServer silent = receiver((path, body) -> {
            sleep(30_000);
            return 204;
        });
        Instance a = instances.get(0);
        List<String> measures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            measures.add(send(instances.get(i % 3), "POST", "/api/v1/measures", measure("Last " + i), Map.of())
                    .json().path("id").asText());
        }
        String silentPartner = partnerKey("Replikat-Träger ohne Antwort");
        String otherPartner = partnerKey("Replikat-Träger erreichbar");
        List<String[]> subscriptions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            subscriptions.add(new String[] { ADMIN_KEY, subscribe(a, ADMIN_KEY, fast, "/city" + i) });
        }
        subscriptions.add(new String[] { silentPartner, subscribe(a, silentPartner, silent, "/silent") });
        try {
            StringBuilder batch = new StringBuilder("{\"items\":[");
            for (int i = 0; i < measures.size(); i++) {
                batch.append(i == 0 ? "" : ",").append("{\"reference\":\"r").append(i).append("\",\"measure\":\"")
                        .append(measures.get(i)).append("\",\"progress\":").append(i % 100 + 1).append('}');
            }
            long start = System.nanoTime();
            // A batch may take longer than a single request on a busy machine.
            Answer applied = call(instances.get(1), "POST", "/api/v1/measure-status-updates", batch.append("]}").toString(),
                    Map.of("Authorization", "Bearer " + ADMIN_KEY, "Content-Type", "application/json"),
                    Duration.ofSeconds(120));
            check(applied.status() == 207, "a status batch of 300 items: " + applied.status());
            int expected = 8 * measures.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                sleep(50);
            }
            double seconds = ((seen.size() < expected ? System.nanoTime() : last.get()) - start) / 1e9;
            FIGURES.put("webhooks: 8 subscriptions x 300 changes, 3 instances", String.format(java.util.Locale.ROOT,
                    "%d of %d in %.1f s = %.0f deliveries/s", seen.size(), expected, seconds, seen.size() / seconds));
            check(seen.size() == expected, "every delivery of the batch arrived (" + seen.size() + " of " + expected + ")");
            sleep(1000);
            check(duplicates.get() == 0, "no delivery arrived twice (" + duplicates.get() + " duplicates)");
            boolean ordered = heard.values().stream().allMatch(times -> {
                synchronized (times) {
                    for (int i = 1; i < times.size(); i++) {
                        if (java.time.OffsetDateTime.parse(times.get(i))
                                .isBefore(java.time.OffsetDateTime.parse(times.get(i - 1)))) {
                            return false;
                        }
                    }
                    return true;
                }
            });
            check(ordered, "each subscription heard its events in the order they were written");

            subscriptions.add(new String[] { otherPartner, subscribe(a, otherPartner, fast, "/other") });
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = measures.get(i);
                Answer current = get(instances.get(i % 3), "/api/v1/measures/" + id, ADMIN_KEY);
                int progress = 50 + i;
                long begin = System.nanoTime();
                send(instances.get(i % 3), "PATCH", "/api/v1/measures/" + id, "{\"progress\":" + progress + "}",
                        Map.of("If-Match", current.header("ETag"), "Content-Type", "application/merge-patch+json"));
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (!seen.contains("/other" + id + "@" + progress) && System.nanoTime() < until) {
                    sleep(10);
                }
                latencies.add(seen.contains("/other" + id + "@" + progress) ? (System.nanoTime() - begin) / 1_000_000
                        : Long.MAX_VALUE);
            }
            java.util.Collections.sort(latencies);
            long worst = latencies.get(latencies.size() - 1);
            FIGURES.put("webhooks: another partner beside a silent receiver", "median " + latencies.get(5)
                    + " ms, max " + (worst == Long.MAX_VALUE ? "not delivered" : worst + " ms") + " (poll 0.3 s)");
            check(worst < 2000, "a receiver that never answers delays another partner's events by less than 2 s");
        } finally {
            for (String[] subscription : subscriptions) {
                unsubscribe(a, subscription[0], subscription[1]);
            }
            fast.stop(0);
            silent.stop(0);
        }
    }

    static void unsubscribe(Instance instance, String key, String id) {
        Answer list = call(instance, "GET", "/api/v1/webhook-subscriptions?limit=200", null,
                Map.of("Authorization", "Bearer " + key));
        for (JsonNode subscription : list.json().path("items")) {
            if (subscription.path("id").asText().equals(id)) {
                call(instance, "DELETE", "/api/v1/webhook-subscriptions/" + id, null, Map.of("Authorization",
                        "Bearer " + key, "If-Match", "\"" + subscription.path("version").asText() + "\""));
            }
        }
    }

    static void changeFeedAcrossInstances() throws Exception {
        String cursor = null;
        int call = 0;
        // Catch up to now: from here on, only this phase writes.
        while (true) {
            JsonNode page = get(instances.get(call++ % 3), "/api/v1/changes?types=measure&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), ADMIN_KEY).json();
            cursor = page.path("nextCursor").asText();
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            writers.add(started(() -> {
                for (int i = 0; i < 20; i++) {
                    Instance target = instances.get((writer + i) % 3);
                    Answer created = send(target, "POST", "/api/v1/measures", measure("Feed " + writer + "/" + i), Map.of());
                    if (!created.ok()) {
                        continue;
                    }
                    String id = created.json().path("id").asText();
                    acknowledged.add(id + "@" + version(created));
                    Answer changed = send(instances.get((writer + i + 1) % 3), "PATCH",
                            "/api/v1/measures/" + created.json().path("code").asText(),
                            "{\"title\":\"Feed geändert " + writer + "/" + i + "\"}",
                            Map.of("If-Match", created.header("ETag"), "Content-Type", "application/merge-patch+json"));
                    if (changed.ok()) {
                        acknowledged.add(id + "@" + version(changed));
                    }
                }
            }));
        }
        started(() -> {
            for (Thread t : writers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            writing.set(false);
        });
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = !writing.get();
            JsonNode page = get(instances.get(call++ % 3), "/api/v1/changes?types=measure&limit=7&cursor=" + cursor,
                    ADMIN_KEY).json();
            for (JsonNode item : page.path("items")) {
                seen.add(item.path("resourceId").asText() + "@" + item.path("version").asText());
            }
            cursor = page.path("nextCursor").asText();
            if (done && !page.path("hasMore").asBoolean() && seen.size() >= acknowledged.size()) {
                break;
            }
            if (!page.path("hasMore").asBoolean()) {
                sleep(50);
            }
        }
        Set<String> distinct = new HashSet<>(seen);
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(distinct);
        Set<String> unexpected = new HashSet<>(distinct);
        unexpected.removeAll(acknowledged);
        FIGURES.put("change feed: writes / feed calls alternating instances", acknowledged.size() + " / " + call);
        check(missing.isEmpty(), "the feed read across instances misses no acknowledged write (" + missing.size() + " missing)");
        check(distinct.size() == seen.size(), "the feed repeats nothing (" + (seen.size() - distinct.size()) + " repeats)");
        check(unexpected.isEmpty(), "the feed shows nothing that was not written (" + unexpected.size() + ")");
    }

    // --- 3. losing an instance -------------------------------------------------------------

    static void killOneInstanceAmidWrites() throws Exception {
        String prefix = "Kill " + UUID.randomUUID().toString().substring(0, 8) + " ";
        ImportJob job = startImportJob();
        Instance victim = job.runner() != null ? job.runner() : instances.get(2);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger survivorFailures = new AtomicInteger();
        AtomicInteger victimFailures = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        long stopAt = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(started(() -> {
                for (int i = 0; System.nanoTime() < stopAt; i++) {
                    Instance target = instances.get((writer + i) % 3);
                    sent.incrementAndGet();
                    Answer answer = send(target, "POST", "/api/v1/measures", measure(prefix + writer + "/" + i), Map.of());
                    if (answer.status() == 201) {
                        acknowledged.add(answer.json().path("id").asText());
                    } else if (target == victim) {
                        victimFailures.incrementAndGet();
                    } else {
                        survivorFailures.incrementAndGet();
                    }
                }
            }));
        }
        sleep(2000);
        victim.process().destroyForcibly(); // SIGKILL
        for (Thread t : writers) {
            t.join();
        }
        try (Connection c = db(); Statement s = c.createStatement()) {
            Set<String> stored = new HashSet<>();
            ResultSet r = s.executeQuery("SELECT id FROM measure WHERE title LIKE '" + prefix + "%'");
            while (r.next()) {
                stored.add(r.getString(1));
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            check(lost.isEmpty(), "every write answered 2xx is in the database (" + lost.size() + " lost)");
            r = s.executeQuery("SELECT count(*) FROM measure m WHERE m.title LIKE '" + prefix + "%' AND ("
                    + " NOT EXISTS (SELECT 1 FROM change_event e WHERE e.resource_id = m.id AND e.operation = 'CREATED')"
                    + " OR NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.resource_id = m.id AND a.action = 'CREATE')"
                    + " OR NOT EXISTS (SELECT 1 FROM measure_status_change h WHERE h.measure_id = m.id))");
            r.next();
            check(r.getInt(1) == 0, "no write is half-written: each stored measure has its feed, audit and history rows ("
                    + r.getInt(1) + " incomplete)");
            FIGURES.put("SIGKILL: writes sent / acknowledged / stored", sent.get() + " / " + acknowledged.size() + " / "
                    + stored.size());
            FIGURES.put("SIGKILL: failed on the killed / on the survivors", victimFailures.get() + " / "
                    + survivorFailures.get());
        }
        check(survivorFailures.get() == 0, "the other instances kept answering (" + survivorFailures.get() + " failures)");
        instances.remove(victim);
        importJobFinishedElsewhere(job, victim);
    }

    record ImportJob(String id, String location, String indicator, int rows, Instance runner, long started) {
    }

    /** Uploads a CSV large enough for an import job and waits until an instance has recorded progress on it. */
    static ImportJob startImportJob() throws Exception {
        Instance a = instances.get(0);
        String indicator = "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Answer defined = send(a, "POST", "/api/v1/indicators", "{\"code\":\"" + indicator + "\",\"name\":{\"de\":"
                + "\"Replikat-Import\"},\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"MONTHLY\","
                + "\"actionField\":\"M\"}", Map.of());
        check(defined.status() == 201, "an indicator for the import job is defined: " + defined.status());
        int rows = 6000;
        StringBuilder csv = new StringBuilder("indicator,period,value\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(indicator).append(',').append(2000 + i / 12).append('-').append(String.format("%02d", i % 12 + 1))
                    .append(',').append(i).append("\r\n");
        }
        long started = System.nanoTime();
        Answer accepted = send(a, "POST", "/api/v1/indicator-value-imports", csv.toString(),
                Map.of("Content-Type", "text/csv"));
        check(accepted.status() == 202 && accepted.header("Location") != null,
                "an upload of " + rows + " rows is accepted as an import job: " + accepted.status());
        String location = URI.create(accepted.header("Location")).getPath();
        String id = location.substring(location.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection c = db(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                ResultSet r = s.executeQuery("SELECT worker FROM indicator_value_import WHERE id = '" + id
                        + "' AND state = 'RUNNING' AND processed_rows > 0");
                if (r.next()) {
                    String worker = r.getString(1);
                    Instance runner = instances.stream().filter(i -> worker.endsWith(":" + i.process().pid()))
                            .findFirst().orElse(null);
                    check(runner != null, "the import job runs on an instance (" + worker + ")");
                    return new ImportJob(id, location, indicator, rows, runner, started);
                }
                sleep(100);
            }
        }
        check(false, "an instance started the import job within 60 s");
        return new ImportJob(id, location, indicator, rows, null, started);
    }

    /** After its instance was killed, another finishes the job; no row is lost or applied twice. */
    static void importJobFinishedElsewhere(ImportJob job, Instance killed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            Answer answer = get(instances.get(0), job.location(), ADMIN_KEY);
            if (answer.status() == 200) {
                state = answer.json();
                if (!state.path("state").asText().matches("QUEUED|RUNNING")) {
                    break;
                }
            }
            sleep(500);
        }
        FIGURES.put("import job of " + job.rows() + " rows, killed amid it: ended after",
                seconds(System.nanoTime() - job.started()));
        check(state != null && state.path("state").asText().equals("SUCCEEDED")
                && state.path("processedRows").asInt() == job.rows() && state.path("appliedRows").asInt() == job.rows()
                && state.path("failedRows").asInt() == 0,
                "another instance finished the import job with every row applied (" + state + ")");
        try (Connection c = db(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT v.period) FROM indicator_value v"
                    + " JOIN indicator i ON i.id = v.indicator_id WHERE i.code = '" + job.indicator() + "'");
            r.next();
            check(r.getInt(1) == job.rows() && r.getInt(2) == job.rows(),
                    "every row of the import job is stored once (" + r.getInt(1) + " values)");
            // A second application of a row would change its open value: a change-feed row even when nothing differs.
            r = s.executeQuery("SELECT count(*) FILTER (WHERE e.operation = 'CREATED'),"
                    + " count(*) FILTER (WHERE e.operation <> 'CREATED') FROM change_event e"
                    + " JOIN indicator_value v ON v.id = e.resource_id"
                    + " JOIN indicator i ON i.id = v.indicator_id WHERE i.code = '" + job.indicator() + "'");
            r.next();
            check(r.getInt(1) == job.rows() && r.getInt(2) == 0, "no row was applied twice across the take-over ("
                    + r.getInt(1) + " creations, " + r.getInt(2) + " further writes)");
            r = s.executeQuery("SELECT worker FROM indicator_value_import WHERE id = '" + job.id() + "'");
            r.next();
            check(!r.getString(1).endsWith(":" + killed.process().pid()), "the job was finished by another instance");
        }
    }

    // --- 4. losing the database -------------------------------------------------------------

    static void databaseOutageUnderLoad() throws Exception {
        AtomicBoolean load = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> badOutageAnswers = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong slowest503 = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int client = w;
            clients.add(started(() -> {
                for (int i = 0; load.get(); i++) {
                    Instance target = instances.get((client + i) % instances.size());
                    long sentAt = System.nanoTime();
                    Answer answer = i % 2 == 0 ? get(target, "/api/v1/measures?limit=5", ADMIN_KEY)
                            : send(target, "POST", "/api/v1/measures", measure("Last " + client + "/" + i), Map.of());
                    statuses.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
                    if (answer.status() == 503) {
                        slowest503.accumulateAndGet(System.nanoTime() - sentAt, Math::max);
                    }
                    if (answer.status() == 503 && !(String.valueOf(answer.header("Content-Type")).startsWith(
                            "application/problem+json") && answer.body().contains("urn:fachplan:problem:service-unavailable")
                            && !answer.body().contains("Exception") && !answer.body().contains("SQL"))) {
                        badOutageAnswers.add(answer.body());
                    }
                    sleep(20);
                }
            }));
        }
        sleep(1500);
        long stop = System.nanoTime();
        pgCtl("stop", "-m", "fast");
        long down = System.nanoTime();
        Map<String, Long> notReady = waitForReadiness(503, Duration.ofSeconds(15), stop);
        long remaining = Duration.ofSeconds(OUTAGE_SECONDS).toNanos() - (System.nanoTime() - stop);
        sleep(Math.max(0, remaining / 1_000_000));
        int during500 = statuses.getOrDefault(500, new AtomicInteger()).get();
        int during503 = statuses.getOrDefault(503, new AtomicInteger()).get();
        long restart = System.nanoTime();
        pgCtl("start", "-w", "-t", "60", "-l", Path.of(PG_SOCKET_DIR).resolve("postgres.log").toString(), "-o",
                "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + PG_SOCKET_DIR + " -c max_connections=200");
        long up = System.nanoTime();
        Map<String, Long> readyAgain = waitForReadiness(200, Duration.ofSeconds(30), up);
        long firstWrite = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (send(instances.get(0), "POST", "/api/v1/measures", measure("Nach dem Ausfall"), Map.of()).status() == 201) {
                firstWrite = System.nanoTime() - up;
                break;
            }
            sleep(100);
        }
        load.set(false);
        for (Thread t : clients) {
            t.join();
        }
        FIGURES.put("outage: database stopped for", seconds(restart - stop) + " (stop took " + seconds(down - stop) + ")");
        notReady.forEach((name, t) -> FIGURES.put("outage: readiness DOWN on " + name + " after stop", seconds(t)));
        readyAgain.forEach((name, t) -> FIGURES.put("outage: readiness UP on " + name + " after restart", seconds(t)));
        FIGURES.put("outage: first write accepted after restart", firstWrite < 0 ? "never" : seconds(firstWrite));
        FIGURES.put("outage: slowest 503 answer", seconds(slowest503.get()));
        FIGURES.put("outage: answers by status (whole phase)", new java.util.TreeMap<>(statuses).toString());
        check(notReady.size() == instances.size() && notReady.values().stream().allMatch(t -> t <= 5_000_000_000L),
                "readiness is DOWN on every instance within 5 s of the database stopping");
        check(during503 > 0, "requests during the outage get 503 (" + during503 + ")");
        check(badOutageAnswers.isEmpty(), "every 503 is a problem+json without internals (" + badOutageAnswers.size()
                + " not)" + (badOutageAnswers.isEmpty() ? "" : ": " + badOutageAnswers.get(0)));
        check(during500 == 0, "no 500 during the outage (" + during500 + ")");
        check(readyAgain.size() == instances.size(), "every instance is ready again without a restart");
        check(firstWrite >= 0, "writes succeed again after the database returns");
        for (Instance instance : instances) {
            check(instance.process().isAlive(), "instance " + instance.name() + " is still the same process");
        }
    }

    // --- 5. a rolling update's SIGTERM ------------------------------------------------------

    static void gracefulShutdown() throws Exception {
        Instance leaving = instances.get(instances.size() - 1);
        // Work in flight when the signal comes: webhooks to a slow receiver and an import job.
        HttpServer slow = receiver((path, body) -> {
            sleep(300);
            return 204;
        });
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subscriptions.add(subscribe(instances.get(0), ADMIN_KEY, slow, "/slow" + i));
        }
        for (int i = 0; i < 20; i++) {
            Answer created = send(leaving, "POST", "/api/v1/measures", measure("Abschied " + i), Map.of());
            send(leaving, "PATCH", "/api/v1/measures/" + created.json().path("id").asText(), "{\"progress\":5}",
                    Map.of("If-Match", created.header("ETag"), "Content-Type", "application/merge-patch+json"));
        }
        ImportJob job = startImportJob();
        long logBefore = Files.size(leaving.log());
        long term = System.nanoTime();
        leaving.process().destroy(); // SIGTERM
        long notReady = -1;
        Answer during = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (get(leaving, "/q/health/ready", null).status() == 503) {
                notReady = System.nanoTime() - term;
                during = get(leaving, "/api/v1/measures?limit=1", ADMIN_KEY);
                break;
            }
            sleep(50);
        }
        boolean exited = leaving.process().waitFor(40, java.util.concurrent.TimeUnit.SECONDS);
        long gone = System.nanoTime() - term;
        FIGURES.put("SIGTERM: readiness DOWN after", notReady < 0 ? "never" : seconds(notReady));
        FIGURES.put("SIGTERM: process exited after", exited ? seconds(gone) + " (exit code "
                + leaving.process().exitValue() + ")" : "not within 40 s");
        check(notReady >= 0 && notReady < 1_000_000_000L, "SIGTERM turns readiness DOWN within a second");
        check(during != null && during.status() == 200, "requests are still served during the shutdown delay ("
                + (during == null ? "none" : during.status()) + ")");
        check(exited, "the instance exits by itself after the delay and the running requests");
        byte[] log = Files.readAllBytes(leaving.log());
        List<String> loud = new String(log, (int) logBefore, log.length - (int) logBefore,
                java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"level\":\"ERROR\"") || l.contains("\"level\":\"WARN")).toList();
        loud.stream().limit(3).forEach(l -> System.out.println(leaving.name() + ": " + l.substring(0, Math.min(l.length(), 600))));
        check(loud.isEmpty(), "the instance stopped amid webhook deliveries and an import job"
                + (job.runner() == leaving ? " (running on it)" : "") + " without ERROR or WARN lines ("
                + loud.size() + ")");
        instances.remove(leaving);
        for (String id : subscriptions) {
            unsubscribe(instances.get(0), ADMIN_KEY, id);
        }
        slow.stop(0);
        for (Instance instance : instances) {
            check(get(instance, "/api/v1/measures?limit=1", ADMIN_KEY).status() == 200,
                    "instance " + instance.name() + " still answers");
        }
    }

    // --- 6. what the logs hold -----------------------------------------------------------------

    /** No API key, bearer token or request body (the measure titles sent) in any instance's log. */
    static void logsKeepSecretsAndContentOut() {
        try {
            StringBuilder all = new StringBuilder();
            for (Path log : List.of(WORK.resolve("instance-A.log"), WORK.resolve("instance-B.log"),
                    WORK.resolve("instance-C.log"))) {
                all.append(Files.readString(log));
            }
            check(!all.toString().contains(ADMIN_KEY) && !all.toString().contains("Bearer "),
                    "no API key or bearer token in the logs");
            check(!all.toString().contains("Über Replikate") && !all.toString().contains("Webhook 1")
                    && !all.toString().contains("Feed geändert"), "no request body content in the logs");
        } catch (IOException e) {
            check(false, "the logs could be read (" + e + ")");
        }
    }

    /** Polls every instance's readiness in its own thread (a slow probe must not delay another's). */
    static Map<String, Long> waitForReadiness(int status, Duration limit, long since) throws InterruptedException {
        Map<String, Long> reached = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> pollers = new ArrayList<>();
        for (Instance instance : instances) {
            pollers.add(started(() -> {
                while (System.nanoTime() < deadline) {
                    if (get(instance, "/q/health/ready", null).status() == status) {
                        reached.put(instance.name(), System.nanoTime() - since);
                        return;
                    }
                    sleep(100);
                }
            }));
        }
        for (Thread t : pollers) {
            t.join();
        }
        return reached;
    }

    // --- helpers ----------------------------------------------------------------------------

    static String measure(String title) {
        return "{\"actionField\":\"B\",\"title\":\"" + title + "\"}";
    }

    static long version(Answer answer) {
        return Long.parseLong(answer.header("ETag").replace("W/", "").replace("\"", ""));
    }

    static Answer get(Instance instance, String path, String key) {
        return call(instance, "GET", path, null, key == null ? Map.of() : Map.of("Authorization", "Bearer " + key));
    }

    static Answer send(Instance instance, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + ADMIN_KEY);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        return call(instance, method, path, body, all);
    }

    static Answer call(Instance instance, String method, String path, String body, Map<String, String> headers) {
        return call(instance, method, path, body, headers, Duration.ofSeconds(10));
    }

    static Answer call(Instance instance, String method, String path, String body, Map<String, String> headers,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.url(path))).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", Map.of());
        }
    }

    static void pgCtl(String... args) {
        List<String> command = new ArrayList<>(PG_AS);
        command.add(PG_BIN + "/pg_ctl");
        command.add("-D");
        command.add(PG_DATA);
        Collections.addAll(command, args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("pg_ctl.log").toFile())).start();
            if (p.waitFor() != 0 && !args[0].equals("stop")) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: "
                        + tail(WORK.resolve("pg_ctl.log"), 20) + tail(Path.of(PG_SOCKET_DIR).resolve("postgres.log"), 20));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/fachplan";
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", PG_PASSWORD);
    }

    static void check(boolean ok, String what) {
        System.out.println((ok ? "PASS " : "FAIL ") + what);
        if (ok) {
            passed++;
        } else {
            failed++;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "(no " + file + ")\n";
        }
    }

    static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; start this through run.sh");
        }
        return value;
    }
}
