import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public read path under load, as ratios to floors measured in the same run.
 *
 * <p>Run (from the project directory, JDK 17, nothing else on the class path):
 * <pre>
 * apt-get install -y wrk postgresql-client      # wrk, pgbench and psql
 * ./mvnw -B package -DskipTests                 # target/quarkus-app/quarkus-run.jar
 * java src/bench/ReadPathBench.java             # about 4–5 minutes; the first run seeds for 2 more
 * java src/bench/ReadPathBench.java --warmup 2 --duration 5 --jvm-options "-Xmx256m -XX:+UseSerialGC"
 * </pre>
 * It starts the packaged service itself on port 8090 with its own embedded PostgreSQL in
 * {@code target/read-path-bench/postgres} (kept between runs, so migration and seeding happen once;
 * the bootstrap admin key printed on the first start is kept in {@code target/read-path-bench/admin-key}),
 * stops it and starts it again, seeds through the API up to 1,000 measures in each of the ten
 * action fields (10,000, each with a guideline, two target groups and a district; only what is
 * missing), runs the load, stops the service and prints one markdown table, also written to
 * {@code target/read-path-bench/result.md}. The service logs, the wrk Lua scripts, the pgbench
 * scripts and the raw output of every tool run land beside it.
 *
 * <p>The service starts as the README starts it, through {@code target/quarkus-app/fachplan.sh}
 * (its JVM settings and class-data archive; the first start of a fresh build writes the archive
 * when it stops, so the measured second start uses it); with {@code --jvm-options} it starts as
 * {@code java OPTIONS -jar} instead. After the load it also times a start against an external
 * PostgreSQL (the same database, run by pg_ctl, given to the service through
 * {@code QUARKUS_DATASOURCE_*}). Start rows show the wall time to a ready 200 and the CPU time the
 * Java process used until then: on a shared machine the CPU time moves less with the load. Each
 * start row is the median of {@code --starts} (5) starts on that database, all their times listed:
 * single starts of one build on one database scatter by a second on this kind of machine.
 *
 * <p>Options: {@code --port 8090}, {@code --data-dir DIR}, {@code --jvm-options "..."} (split at
 * blanks, no quoting), {@code --warmup 5} and {@code --duration 15} (seconds per wrk and pgbench
 * run), {@code --starts 5}, {@code --skip-seed}, {@code --starts-only} (no seeding and no load: the two starts on the
 * embedded database, the RSS after start and the start on an external PostgreSQL, about a minute,
 * for working on the start), {@code --jar PATH}, {@code --admin-key KEY} (else the stored one, else
 * {@code FACHPLAN_ADMIN_KEY}), {@code --base-url http://host:port} to measure an already running
 * service instead (start time is then not measured; RSS only with {@code --pid PID}; pgbench only
 * when {@code --data-dir} names that service's embedded database).
 *
 * <p>The rows, and why they are ratios: the machine is a shared 2-core box whose speed changes
 * from minute to minute, so a bare requests-per-second figure proves nothing. Each figure is
 * divided by a floor taken minutes apart on the same box:
 * <ul>
 * <li><b>HTTP floor</b>: {@code GET /q/health/live} with wrk, the most the HTTP stack and wrk can do
 * here with no database and no JSON of consequence. Everything else is a share of it.
 * <li><b>pgbench by code / list page</b>: the service's own embedded PostgreSQL answering, in one
 * prepared statement each ({@link #SQL_BY_CODE}, {@link #SQL_LIST_PAGE}), exactly the rows and
 * relations a measure and a page of 50 need. That is the floor for a read the database must
 * really do: a service that reads it in one round trip and renders JSON cheaply reaches a good
 * share of it; N+1 queries or a heavy mapping layer do not.
 * <li><b>list same page</b>: the same anonymous page of 50 over and over; a cache or a conditional
 * shortcut may serve it, so it is held against the HTTP floor (share ≥ 0.20, p99 ≤ 20 ms).
 * <li><b>list no reuse</b>: every request a different URL (action field, sort, a unique
 * {@code modifiedSince} that still matches every measure), so no cache can answer it; held
 * against the pgbench list statement (≥ 0.5).
 * <li><b>search no reuse</b>: the same with a German search text ({@code q}) instead of an action
 * field, shown as a share of the list no reuse (no goal: it tells what relevance ranking costs).
 * <li><b>by code</b>: W1…W100 in rotation, against the pgbench by-code statement (≥ 0.5).
 * <li><b>304 by code, 304 list</b>: the same with {@code If-None-Match} of the current ETag; a
 * 304 should cost about as much as the HTTP floor (≥ 0.5), and every answer must be a 304.
 * <li><b>single client</b>: sequential calls (30 warm-up, 200 timed) of the controlling report, the
 * capacity chart, the what-if and every list operation of the contract without path
 * parameters, as admin: median ≤ 10 ms (p95 shown). The list comes from openapi/openapi.yaml.
 * <li><b>RSS after start / at end</b> (≤ 250 MB / ≤ 450 MB) of the Java process, and the start
 * time on an already migrated database (≤ 3 s, process start to {@code /q/health/ready} 200).
 * </ul>
 * Seeding happens while the first instance runs, so the second start, the one measured against
 * the goal, always meets the same seeded database. A run with non-2xx/3xx answers or socket
 * errors is flagged and fails its row: errors are cheap and would inflate the rate. wrk runs with
 * a 10 s timeout, so that slow answers count in the percentiles instead of being dropped.
 */
public class ReadPathBench {

    /** The relations of measure {@code m}, as every statement below reads them. */
    static final String RELATIONS = """
            (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'role', mp.role)
                                      ORDER BY o.name, o.id), '[]')
               FROM measure_partner mp JOIN organisation o ON o.id = mp.organisation_id
              WHERE mp.measure_id = m.id) AS partners,
            ARRAY(SELECT g.code FROM measure_guideline mg JOIN guideline g ON g.id = mg.guideline_id
                   WHERE mg.measure_id = m.id ORDER BY g.position) AS guidelines,
            ARRAY(SELECT t.code FROM measure_target_group mt JOIN target_group t ON t.id = mt.target_group_id
                   WHERE mt.measure_id = m.id ORDER BY t.code) AS target_groups,
            ARRAY(SELECT d.code FROM measure_district md JOIN district d ON d.id = md.district_id
                   WHERE md.measure_id = m.id ORDER BY d.code) AS districts""";

    /**
     * One measure by plan and code with every relation the API's measure carries, in one
     * statement: the floor for {@code GET /measures/{code}}. The plan is the one the service means
     * when none is named (the most recently adopted); anonymous callers see public measures only.
     * pgbench sets {@code :n} (1..100). Align it with the statement the service runs.
     */
    static final String SQL_BY_CODE = """
            SELECT m.id, p.code AS plan, af.code AS action_field, m.code, m.title, m.description, m.status,
                   m.progress, m.planned_start, m.planned_end, m.illustrative, m.public, m.version,
                   m.created_at, m.updated_at, lo.id AS lead_id, lo.name AS lead_name,
                   %s
              FROM measure m
              JOIN plan p ON p.id = m.plan_id
              JOIN action_field af ON af.id = m.action_field_id
              LEFT JOIN organisation lo ON lo.id = m.lead_organisation_id
             WHERE m.plan_id = (SELECT id FROM plan ORDER BY adopted_on DESC, id LIMIT 1)
               AND m.code = 'W' || CAST(:n AS text)
               AND m.public;
            """.formatted(RELATIONS);

    /**
     * A page of 50 public measures of one action field in the list's default order (field
     * position, number, id), with the same relations as {@link #SQL_BY_CODE}: the floor for
     * {@code GET /measures?actionField=X&limit=50}. The page is cut first, so the relations are
     * read for its 50 measures only. pgbench sets {@code :f} (1..10, one of the ten fields, and a
     * {@code modifiedSince} as early as the no-reuse requests send). The service also reads one row
     * more to know whether there is a next page; that is left out.
     */
    static final String SQL_LIST_PAGE = """
            SELECT m.id, p.code AS plan, m.af_code AS action_field, m.code, m.title, m.description, m.status,
                   m.progress, m.planned_start, m.planned_end, m.illustrative, m.public, m.version,
                   m.created_at, m.updated_at, lo.id AS lead_id, lo.name AS lead_name,
                   %s
              FROM (SELECT m.id, m.plan_id, m.code, m.number, m.title, m.description, m.status, m.progress,
                           m.planned_start, m.planned_end, m.illustrative, m.public, m.version, m.created_at,
                           m.updated_at, m.lead_organisation_id, af.code AS af_code, af.position AS af_position
                      FROM measure m JOIN action_field af ON af.id = m.action_field_id
                     WHERE m.plan_id = (SELECT id FROM plan ORDER BY adopted_on DESC, id LIMIT 1)
                       AND m.public
                       AND af.code = substr('MRBWSFGPQC', CAST(:f AS integer), 1)
                       AND m.updated_at >= to_timestamp(946684800 + CAST(:f AS integer))
                     ORDER BY af.position, m.number, m.id
                     LIMIT 50) m
              JOIN plan p ON p.id = m.plan_id
              LEFT JOIN organisation lo ON lo.id = m.lead_organisation_id
             ORDER BY m.af_position, m.number, m.id;
            """.formatted(RELATIONS);

    private static final String[] FIELDS = { "M", "R", "B", "W", "S", "F", "G", "P", "Q", "C" };
    private static final String[] DISTRICTS = { "ALTSTADT", "NEUSTADT", "PIESCHEN", "KLOTZSCHE", "LOSCHWITZ",
            "BLASEWITZ", "LEUBEN", "PROHLIS", "PLAUEN", "COTTA" };
    private static final String[] TARGET_GROUPS = { "ASYLUM_SEEKERS", "RECOGNISED_REFUGEES", "SUBSIDIARY_PROTECTION",
            "UNACCOMPANIED_MINORS", "FAMILIES_WITH_CHILDREN", "WOMEN", "PEOPLE_WITH_DISABILITIES", "TRAUMATISED_PEOPLE" };
    private static final int PER_FIELD = 1000;
    private static final String LIST_W = "/api/v1/measures?actionField=W&limit=50";
    private static final String WHAT_IF = "{\"from\":\"2019-03\",\"to\":\"2020-12\",\"parameters\":{\"monthlyAllocations\":120,"
            + "\"departureRate\":0.025,\"targetOccupancy\":0.85,\"reserveShare\":0.1}}";
    /** Values for the required query parameters of the contract's list operations, by name. */
    private static final Map<String, String> KNOWN_PARAMETERS = Map.of("scenario", "STABLE_ALLOCATION",
            "from", "2019-03", "to", "2020-12", "period", "2020");

    // wrk and the service share two cores; HTTP/1.1 keeps the Java client on the protocol wrk
    // speaks (the JDK client would otherwise try an h2c upgrade).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    // options
    private static int port = 8090;
    private static Path benchDir = Path.of("target/read-path-bench").toAbsolutePath();
    private static Path dataDir;
    private static String jvmOptions = "";
    private static int duration = 15;
    private static int warmup = 5;
    /** Measured starts per database; each start row shows their median. */
    private static int measuredStarts = 5;
    private static boolean skipSeed;
    /** {@code --starts-only}: the start and memory rows without the load in between. */
    private static boolean startsOnly;
    private static String baseUrl;
    private static Long externalPid;
    private static Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    /** Off with {@code --jvm-options}: then {@code java OPTIONS -jar} instead of the README's start script. */
    private static boolean launcher = true;
    private static boolean externalDatabase;
    private static String adminKey;

    private static Process service;
    private static boolean freshDataDir;
    private static int starts;
    private static final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        parseOptions(args);
        Files.createDirectories(benchDir);
        String loadAtStart = loadAverage();
        boolean own = baseUrl == null;
        String base = own ? "http://127.0.0.1:" + port : baseUrl.replaceAll("/+$", "");
        Runtime.getRuntime().addShutdownHook(new Thread(ReadPathBench::stopQuietly));

        StartFigures first = null;
        StartFigures second = null;
        Long javaPid = externalPid;
        if (own) {
            requireFreePort();
            first = start(base);
            String printed = bootstrapKey(first.log());
            if (printed != null) {
                freshDataDir = true;
                adminKey = printed;
                Path keyFile = benchDir.resolve("admin-key");
                Files.writeString(keyFile, printed + "\n");
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                System.out.println("bootstrap admin key stored in " + keyFile);
            }
        }
        requireAdminKey();
        if (!skipSeed) {
            seed(base);
        }
        if (own) {
            List<StartFigures> embedded = new ArrayList<>();
            for (int i = 0; i < measuredStarts; i++) {
                stop();
                embedded.add(start(base));
            }
            second = StartFigures.median(embedded);
            javaPid = embedded.get(embedded.size() - 1).pid();
        }
        Long rssAfterStart = javaPid == null ? null : rssKb(javaPid);
        String pgAfterStart = postgresMemory();
        System.out.printf("RSS after start: %s; PostgreSQL: %s%n", mb(rssAfterStart), pgAfterStart);
        if (startsOnly) {
            StartFigures external = stopAndStartOnExternalDatabase(own, base);
            StringBuilder t = new StringBuilder("| measurement | figure | goal | result |\n|---|---|---|---|\n");
            startRows(t, first, second, external, rssAfterStart, null, pgAfterStart, "—");
            write(loadAtStart, t.toString().replace("| | | | ", "| "));
            return;
        }

        Map<String, Wrk> wrk = new LinkedHashMap<>();
        wrk.put("floor", wrk("floor", base + "/q/health/live", null));
        wrk.put("same", wrk("list-same-page", base + LIST_W, null));
        checkNoReusePage(base);
        wrk.put("noReuse", wrk("list-no-reuse", base + "/", NO_REUSE_LUA));
        wrk.put("searchNoReuse", wrk("search-no-reuse", base + "/", SEARCH_NO_REUSE_LUA));
        checkCodes(base);
        wrk.put("byCode", wrk("by-code", base + "/", byCodeLua(null)));
        wrk.put("byCode304", wrk("by-code-304", base + "/", byCodeLua(etagsOfCodes(base))));
        Optional<String> listETag = etag(base + LIST_W, null);
        wrk.put("list304", listETag.isEmpty() ? null : wrk("list-304", base + "/", list304Lua(listETag.get())));
        if (listETag.isEmpty()) {
            notes.add("The list answered without an ETag: no 304 list row.");
        }

        Pgbench pgByCode = null;
        Pgbench pgList = null;
        Optional<PgConnection> pg = pgConnection();
        if (pg.isPresent()) {
            pgByCode = pgbench(pg.get(), "by-code", "\\set n random(1, 100)\n" + SQL_BY_CODE, "n", "1", 1);
            pgList = pgbench(pg.get(), "list-page", "\\set f random(1, 10)\n" + SQL_LIST_PAGE, "f", "4", 50);
        } else {
            notes.add("No embedded PostgreSQL found (postmaster.pid or fachplan-password missing in " + dataDir
                    + "): no pgbench rows.");
        }

        List<Single> singles = singleClient(base);

        Long rssAtEnd = javaPid == null ? null : rssKb(javaPid);
        String pgAtEnd = postgresMemory();
        System.out.printf("RSS at end: %s; PostgreSQL: %s%n", mb(rssAtEnd), pgAtEnd);
        StartFigures external = stopAndStartOnExternalDatabase(own, base);

        write(loadAtStart, table(wrk, pgByCode, pgList, singles, first, second, external, rssAfterStart, rssAtEnd,
                pgAfterStart, pgAtEnd));
    }

    private static void write(String loadAtStart, String table) throws IOException {
        String context = String.format(Locale.ROOT, "Read path, %s, wrk -t2 -c32 %d s after %d s warm-up, pgbench -c 32 -j 2"
                + " -M prepared %d s, JVM options: %s, load average at the start: %s, at the end: %s%n%n", OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), duration, warmup, duration,
                launcher && Files.exists(jar.toAbsolutePath().resolveSibling("fachplan.sh"))
                        ? "those of the start script fachplan.sh (with its class-data archive)"
                        : jvmOptions.isBlank() ? "(none)" : "`" + jvmOptions + "`", loadAtStart, loadAverage());
        if (startsOnly) {
            context = context.replaceFirst("wrk .*? JVM options", "starts only (no load), JVM options");
        }
        StringBuilder out = new StringBuilder(context).append(table);
        for (String note : notes) {
            out.append("\n- ").append(note);
        }
        out.append('\n');
        System.out.println();
        System.out.print(out);
        Files.writeString(benchDir.resolve("result.md"), out.toString());
        System.out.println("\nwritten to " + benchDir.resolve("result.md"));
    }

    // ---------------------------------------------------------------- options

    private static void parseOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--skip-seed")) {
                skipSeed = true;
                continue;
            }
            if (option.equals("--starts-only")) {
                startsOnly = true;
                skipSeed = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = Integer.parseInt(value);
                case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                case "--jvm-options" -> {
                    jvmOptions = value.trim();
                    launcher = false;
                }
                case "--duration" -> duration = Integer.parseInt(value);
                case "--starts" -> measuredStarts = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--base-url" -> baseUrl = value;
                case "--pid" -> externalPid = Long.parseLong(value);
                case "--jar" -> jar = Path.of(value);
                case "--admin-key" -> adminKey = value;
                default -> usage("unknown option " + option);
            }
        }
        if (dataDir == null) {
            dataDir = benchDir.resolve("postgres");
        }
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: java src/bench/ReadPathBench.java [--port 8090] [--data-dir DIR]"
                + " [--jvm-options \"...\"] [--warmup 5] [--duration 15] [--starts 5] [--skip-seed] [--starts-only] [--jar PATH]"
                + " [--admin-key KEY] [--base-url URL [--pid PID]]");
        System.exit(2);
    }

    private static void requireAdminKey() throws IOException {
        Path keyFile = benchDir.resolve("admin-key");
        if (adminKey == null && baseUrl == null && Files.exists(keyFile)) {
            adminKey = Files.readString(keyFile).trim();
        }
        if (adminKey == null) {
            adminKey = System.getenv("FACHPLAN_ADMIN_KEY");
        }
        if (adminKey == null || adminKey.isBlank()) {
            throw new IllegalStateException("No admin API key: the bootstrap key is printed only on the first start of a"
                    + " data directory and " + keyFile + " does not hold it. Pass --admin-key, or delete " + dataDir
                    + " to start afresh.");
        }
    }

    // ---------------------------------------------------------------- the service process

    /** Wall time to a ready 200, and the CPU time the Java process had used by then (all its threads, JIT included). */
    record StartFigures(long pid, double seconds, double cpuSeconds, Path log, String quarkusSays, List<Double> all) {

        StartFigures(long pid, double seconds, double cpuSeconds, Path log, String quarkusSays) {
            this(pid, seconds, cpuSeconds, log, quarkusSays, List.of(seconds));
        }

        String describe() {
            String one = String.format(Locale.ROOT, "%.2f s, CPU %.2f s (Quarkus: %s)", seconds, cpuSeconds, quarkusSays);
            return all.size() == 1 ? one : String.format(Locale.ROOT, "median of %d starts %s; all: %s", all.size(), one,
                    all.stream().map(t -> String.format(Locale.ROOT, "%.2f", t)).collect(Collectors.joining(", ")));
        }

        /**
         * The start with the median time of {@code starts} (in their order), carrying all their times:
         * on a shared machine single starts of the same build scatter by a second.
         */
        static StartFigures median(List<StartFigures> starts) {
            List<StartFigures> sorted = starts.stream().sorted(Comparator.comparingDouble(StartFigures::seconds)).toList();
            StartFigures middle = sorted.get(sorted.size() / 2);
            return new StartFigures(middle.pid(), middle.seconds(), middle.cpuSeconds(), middle.log(), middle.quarkusSays(),
                    starts.stream().map(StartFigures::seconds).toList());
        }
    }

    private static void requireFreePort() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException("Port " + port + " is in use; pass --port or --base-url.");
    }

    private static StartFigures start(String base) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -B package -DskipTests or pass --jar");
        }
        return start(base, Map.of("FACHPLAN_EMBEDDED_DB_DATA_DIR", dataDir.toString()));
    }

    private static StartFigures start(String base, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = jar.toAbsolutePath().resolveSibling("fachplan.sh");
        boolean viaScript = launcher && Files.exists(script);
        if (viaScript) {
            command.addAll(List.of("sh", script.toString()));
        } else {
            command.add(java);
            if (!jvmOptions.isBlank()) {
                command.addAll(List.of(jvmOptions.split("\\s+")));
            }
            command.add("-Dquarkus.http.port=" + port);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
        }
        Path log = benchDir.resolve("service-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        if (viaScript) {
            // The script ends in exec java, so its process is the Java process.
            builder.environment().put("JAVA", java);
            builder.environment().put("JAVA_OPTS", "-Dquarkus.http.port=" + port);
            System.out.println("JAVA_OPTS=-Dquarkus.http.port=" + port + " (launcher script)");
        }
        System.out.println("starting " + String.join(" ", command) + "  (log " + log + ")");
        long begin = System.nanoTime();
        service = builder.start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                .GET().build();
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + " while starting:\n"
                        + tail(log, 40));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // connection refused until Quarkus listens
            }
            if (System.nanoTime() - begin > TimeUnit.MINUTES.toNanos(3)) {
                throw new IllegalStateException("not ready after 3 minutes:\n" + tail(log, 40));
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        double cpuSeconds = cpuSeconds(service.pid());
        Matcher started = Pattern.compile("started in ([0-9.]+)s").matcher(Files.readString(log));
        String quarkusSays = started.find() ? started.group(1) + " s" : "?";
        System.out.printf(Locale.ROOT, "start %d: ready after %.2f s, CPU %.2f s (Quarkus: started in %s)%n", starts,
                seconds, cpuSeconds, quarkusSays);
        return new StartFigures(service.pid(), seconds, cpuSeconds, log, quarkusSays);
    }

    /** User plus system time of a process from /proc (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Stops the service this bench started and times a start on an external PostgreSQL; {@code null} if none ran. */
    private static StartFigures stopAndStartOnExternalDatabase(boolean own, String base) throws Exception {
        if (!own) {
            return null;
        }
        stop();
        try {
            return externalStart(base);
        } catch (Exception e) {
            notes.add("The start against an external PostgreSQL failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * A start against an external PostgreSQL (the benchmark's database, run by pg_ctl from the
     * binaries the service unpacked): twice, because the first one with another set of migration
     * contexts (no demo data) records the schema fingerprint for them; the second is the figure.
     */
    private static StartFigures externalStart(String base) throws Exception {
        Path record = dataDir.resolve("fachplan-binaries");
        if (!Files.exists(record)) {
            notes.add("No fachplan-binaries in " + dataDir + ": no start against an external PostgreSQL.");
            return null;
        }
        Path pgCtl = Path.of(Files.readAllLines(record).get(1), "bin", "pg_ctl");
        List<String> prefix = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            prefix.addAll(List.of("unshare", "-U"));
        }
        int pgPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            pgPort = socket.getLocalPort();
        }
        List<String> startPg = new ArrayList<>(prefix);
        startPg.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-o", "-p " + pgPort
                + " -c listen_addresses=localhost -c max_connections=100", "-w", "start"));
        run(startPg, Map.of(), benchDir.resolve("pg_ctl-start.txt"));
        externalDatabase = true;
        try {
            Map<String, String> environment = Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                    "jdbc:postgresql://localhost:" + pgPort + "/postgres", "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", Files.readString(dataDir.resolve("fachplan-password")).trim());
            start(base, environment);
            List<StartFigures> measured = new ArrayList<>();
            for (int i = 0; i < measuredStarts; i++) {
                stop();
                measured.add(start(base, environment));
            }
            stop();
            return StartFigures.median(measured);
        } finally {
            externalDatabase = false;
            List<String> stopPg = new ArrayList<>(prefix);
            stopPg.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
            run(stopPg, Map.of(), benchDir.resolve("pg_ctl-stop.txt"));
        }
    }

    private static void stop() throws Exception {
        if (service == null) {
            return;
        }
        // An external PostgreSQL outlives the service; only the embedded one goes with it.
        Optional<ProcessHandle> postmaster = externalDatabase ? Optional.empty() : postmaster();
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
            notes.add("The service did not stop within 60 s of SIGTERM and was killed.");
        }
        service = null;
        // The service stops its PostgreSQL on the way out; one left behind would block the next start.
        if (postmaster.isPresent() && !waitForExit(postmaster.get(), 30)) {
            notes.add("PostgreSQL (pid " + postmaster.get().pid() + ") outlived the service by 30 s and was stopped here.");
            postmaster.get().destroy();
            waitForExit(postmaster.get(), 30);
        }
    }

    private static boolean waitForExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static void stopQuietly() {
        try {
            stop();
        } catch (Exception ignored) {
            // already on the way out
        }
    }

    private static String bootstrapKey(Path log) throws IOException {
        Matcher key = Pattern.compile("Bootstrap admin API key \\(shown only now, store it\\):\\s+(\\S+)")
                .matcher(Files.readString(log));
        return key.find() ? key.group(1) : null;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- memory

    private static Long rssKb(long pid) {
        return procField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    private static Long procField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended or the kernel has no such file
        }
        return null;
    }

    private static Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    /**
     * The postmaster's RSS, and the sum over it and its backends: the RSS sum counts the shared
     * buffers once per process, the PSS sum (proportional set size) shares them out.
     */
    private static String postgresMemory() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return "n/a";
        }
        long pid = postmaster.get().pid();
        List<ProcessHandle> all = Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants()).toList();
        long rss = 0;
        long pss = 0;
        for (ProcessHandle process : all) {
            Long r = rssKb(process.pid());
            Long p = procField(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"), "Pss:");
            rss += r == null ? 0 : r;
            pss += p == null ? 0 : p;
        }
        return String.format(Locale.ROOT, "postmaster %s, %d processes: RSS sum %s, PSS sum %s", mb(rssKb(pid)),
                all.size(), mb(rss), mb(pss));
    }

    private static String mb(Long kb) {
        return kb == null ? "n/a" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- seeding

    private static void seed(String base) throws Exception {
        List<String> tasks = new ArrayList<>();
        StringBuilder counts = new StringBuilder();
        for (String field : FIELDS) {
            int existing = countMeasures(base, field);
            counts.append(field).append('=').append(existing).append(' ');
            for (int i = existing; i < PER_FIELD; i++) {
                tasks.add(field);
            }
        }
        System.out.println("measures per action field: " + counts.toString().trim() + "; to create: " + tasks.size());
        if (tasks.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(tasks);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        Map<Integer, AtomicInteger> refused = new java.util.concurrent.ConcurrentHashMap<>();
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                String field;
                while ((field = queue.poll()) != null) {
                    int n = created.get() + queue.size();
                    String body = "{\"actionField\":\"" + field + "\",\"title\":\"Lasttest-Maßnahme " + field + " "
                            + System.nanoTime() + "\",\"description\":\"Illustrativ, für den Lesepfad-Lasttest angelegt.\","
                            + "\"illustrative\":true,\"guidelines\":[\"L" + (1 + n % 3) + "\"],\"targetGroups\":[\""
                            + TARGET_GROUPS[n % TARGET_GROUPS.length] + "\",\"" + TARGET_GROUPS[(n + 3) % TARGET_GROUPS.length]
                            + "\"],\"districts\":[\"" + DISTRICTS[n % DISTRICTS.length] + "\"]}";
                    for (int attempt = 1;; attempt++) {
                        HttpResponse<String> answer = send("POST", base + "/api/v1/measures", body, adminKey, null);
                        if (answer.statusCode() == 201) {
                            if (created.incrementAndGet() % 1000 == 0) {
                                System.out.printf("  created %d%n", created.get());
                            }
                            break;
                        }
                        refused.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (attempt == 5) {
                            throw new IllegalStateException("creating a measure answered " + answer.statusCode() + " five"
                                    + " times: " + answer.body());
                        }
                        retried.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "created %d measures in %.1f s (%.0f/s with 4 clients)%n", created.get(), seconds,
                created.get() / seconds);
        if (!refused.isEmpty()) {
            notes.add("Seeding: POST /measures with 4 concurrent clients answered " + refused
                    + " (status=count) before a retry succeeded.");
        }
    }

    private static int countMeasures(String base, String field) throws Exception {
        int total = 0;
        String cursor = null;
        do {
            String url = base + "/api/v1/measures?actionField=" + field + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            String body = expect(send("GET", url, null, adminKey, null), 200, url).body();
            total += body.split("\"actionField\":").length - 1;
            Matcher next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(body);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return total;
    }

    // ---------------------------------------------------------------- HTTP helpers

    private static HttpResponse<String> send(String method, String url, String body, String key, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (headers != null) {
            headers.forEach(builder::header);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static Optional<String> etag(String url, String key) throws Exception {
        return expect(send("GET", url, null, key, null), 200, url).headers().firstValue("ETag");
    }

    /** A URL as the no-reuse script makes them must still give a full page, or the row measures less work. */
    private static void checkNoReusePage(String base) throws Exception {
        String url = base + "/api/v1/measures?actionField=R&sort=-title&limit=50&modifiedSince=2000-01-02T03%3A04%3A05.123451Z";
        int items = expect(send("GET", url, null, null, null), 200, url).body().split("\"actionField\":").length - 1;
        if (items != 50) {
            notes.add("The no-reuse list URL " + url + " gave " + items + " measures instead of 50.");
        }
    }

    private static void checkCodes(String base) throws Exception {
        for (int i = 1; i <= 100; i++) {
            String url = base + "/api/v1/measures/W" + i;
            expect(send("GET", url, null, null, null), 200, url);
        }
    }

    private static List<String> etagsOfCodes(String base) throws Exception {
        List<String> etags = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String url = base + "/api/v1/measures/W" + i;
            etags.add(etag(url, null).orElseThrow(() -> new IllegalStateException(url + " answered without an ETag")));
        }
        return etags;
    }

    // ---------------------------------------------------------------- wrk

    /**
     * Counts answers by status in every thread and sums them at the end, so that a 304 row can
     * show that every answer was a 304 (wrk itself counts only statuses above 399).
     */
    private static final String STATUS_COUNTING_LUA = """
            function response(status, headers, body)
              if status == 304 then s304 = s304 + 1
              elseif status >= 200 and status < 300 then s2xx = s2xx + 1
              else other = other + 1 end
            end
            function done(summary, latency, requests)
              local a, b, c = 0, 0, 0
              for _, t in ipairs(threads) do
                a = a + t:get("s304"); b = b + t:get("s2xx"); c = c + t:get("other")
              end
              io.write(string.format("RPB-STATUS s304=%d s2xx=%d other=%d\\n", a, b, c))
            end
            """;

    /** Thread numbers for the scripts: each wrk thread gets its own part of the URL space. */
    private static final String THREADS_LUA = """
            threads = {}
            function setup(thread)
              table.insert(threads, thread)
              thread:set("tid", #threads)
            end
            """;

    /**
     * Every request a URL not sent before: the seconds of {@code modifiedSince} count the thread's
     * requests from a base that differs between warm-up and measured run, the microseconds carry
     * a salt of this run and the thread number. All timestamps lie in 2000–2009, before any
     * measure was written, so every page is still a full page of 50. The list rotates the action
     * field.
     */
    private static final String NO_REUSE_LUA = noReuseLua("actionField", FIELDS);

    /**
     * A German search in the same no-reuse way, rotating the search text: inflected, ASCII-spelled
     * and mistyped forms of words every seeded measure holds, and one only the demo measures hold.
     * A search sorts by relevance, so every matching row is ranked before the page is cut.
     */
    private static final String SEARCH_NO_REUSE_LUA = noReuseLua("q",
            new String[] { "Lasttests", "Massnahmen", "Lesepfade", "Lastest", "Sprachkursen" });

    private static String noReuseLua(String parameter, String[] values) {
        StringBuilder list = new StringBuilder();
        for (String value : values) {
            list.append(list.isEmpty() ? "" : ", ").append(luaString(value));
        }
        return THREADS_LUA + """
                local values = {%s}
                function init(args)
                  base = tonumber(args[1])
                  salt = tonumber(args[2])
                  n = 0
                end
                function request()
                  n = n + 1
                  local value = values[(n + tid) %% #values + 1]
                  local since = os.date("!%%Y-%%m-%%dT%%H%%%%3A%%M%%%%3A%%S", 946684800 + base + n)
                    .. string.format(".%%05d%%dZ", salt, tid)
                  return wrk.format("GET", "/api/v1/measures?%s=" .. value .. "&limit=50&modifiedSince=" .. since)
                end
                """.formatted(list, parameter);
    }

    private static String byCodeLua(List<String> etags) {
        StringBuilder lua = new StringBuilder(THREADS_LUA);
        if (etags != null) {
            lua.append("local etags = {");
            for (String etag : etags) {
                lua.append(luaString(etag)).append(',');
            }
            lua.append("}\n");
        }
        lua.append("""
                function init(args)
                  s304, s2xx, other = 0, 0, 0
                  requests = {}
                  for i = 1, 100 do
                    local headers = {}
                """);
        if (etags != null) {
            lua.append("    headers[\"If-None-Match\"] = etags[i]\n");
        }
        lua.append("""
                    requests[i] = wrk.format("GET", "/api/v1/measures/W" .. i, headers)
                  end
                  -- threads start 50 codes apart, so they do not ask for the same measure at once
                  n = (tid - 1) * 50
                end
                function request()
                  n = n + 1
                  return requests[n % 100 + 1]
                end
                """);
        return lua.append(STATUS_COUNTING_LUA).toString();
    }

    private static String list304Lua(String etag) {
        return THREADS_LUA + "local etag = " + luaString(etag) + "\n" + """
                function init(args)
                  s304, s2xx, other = 0, 0, 0
                  req = wrk.format("GET", "%s", {["If-None-Match"] = etag})
                end
                function request()
                  return req
                end
                """.formatted(LIST_W) + STATUS_COUNTING_LUA;
    }

    private static String luaString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    record Wrk(double rps, double p50, double p99, long requests, long non2xx3xx, String socketErrors, long socketErrorCount,
            Long s304, Long s2xx, Long other) {

        long errors() {
            return non2xx3xx + socketErrorCount + (other == null ? 0 : other);
        }
    }

    private static int wrkRuns;

    private static Wrk wrk(String name, String url, String lua) throws Exception {
        Path script = null;
        if (lua != null) {
            script = benchDir.resolve("wrk-" + name + ".lua");
            Files.writeString(script, lua);
        }
        int salt = (int) (System.currentTimeMillis() / 1000 % 100000);
        // warm-up and measured run get different bases, so the no-reuse script repeats no URL
        Wrk warm = runWrk(name + "-warmup", url, script, warmup, 0, salt);
        Wrk measured = runWrk(name, url, script, duration, 100_000_000, salt);
        System.out.printf(Locale.ROOT, "wrk %-16s %10.1f req/s  p50 %7.2f ms  p99 %7.2f ms  non-2xx/3xx %d, socket errors %d"
                + " (warm-up: %.1f req/s, errors %d)%s%n", name, measured.rps(), measured.p50(), measured.p99(),
                measured.non2xx3xx(), measured.socketErrorCount(), warm.rps(), warm.errors(), measured.s304() == null ? ""
                        : "  statuses: 304=" + measured.s304() + " 2xx=" + measured.s2xx() + " other=" + measured.other());
        return measured;
    }

    private static Wrk runWrk(String name, String url, Path script, int seconds, int base, int salt) throws Exception {
        // wrk drops answers slower than its timeout (2 s by default) from the percentiles; with
        // 10 s a slow service shows in p99 instead of vanishing into the socket-timeout count.
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c32", "-d" + seconds + "s", "--timeout", "10s",
                "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        if (script != null) {
            command.addAll(List.of("--", Integer.toString(base), Integer.toString(salt)));
        }
        String output = run(command, Map.of(), benchDir.resolve("wrk-" + (++wrkRuns) + "-" + name + ".txt"));
        double rps = Double.parseDouble(find(output, "Requests/sec:\\s+([0-9.]+)", "0"));
        long requests = Long.parseLong(find(output, "(\\d+) requests in", "0"));
        long non = Long.parseLong(find(output, "Non-2xx or 3xx responses:\\s+(\\d+)", "0"));
        Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(output);
        long socketErrors = 0;
        String socketText = "";
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
            socketText = socket.group();
        }
        Matcher status = Pattern.compile("RPB-STATUS s304=(\\d+) s2xx=(\\d+) other=(\\d+)").matcher(output);
        boolean counted = status.find();
        return new Wrk(rps, latency(output, "50%"), latency(output, "99%"), requests, non, socketText, socketErrors,
                counted ? Long.valueOf(status.group(1)) : null, counted ? Long.valueOf(status.group(2)) : null,
                counted ? Long.valueOf(status.group(3)) : null);
    }

    private static double latency(String output, String percentile) {
        Matcher m = Pattern.compile("^\\s*" + percentile + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }

    private static String find(String text, String regex, String fallback) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : fallback;
    }

    private static String run(List<String> command, Map<String, String> env, Path output) throws Exception {
        return run(command, env, output, true);
    }

    private static String run(List<String> command, Map<String, String> env, Path output, boolean strict)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        int exit = process.waitFor();
        String text = Files.readString(output);
        if (exit != 0 && strict) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + text);
        }
        return text;
    }

    // ---------------------------------------------------------------- pgbench

    record PgConnection(String port, String password) {

        Map<String, String> env() {
            return Map.of("PGHOST", "127.0.0.1", "PGPORT", port, "PGUSER", "postgres", "PGPASSWORD", password,
                    "PGDATABASE", "postgres");
        }
    }

    record Pgbench(double tps, double latencyMs, long failed, String check) {
    }

    /** The port is line 4 of postmaster.pid; the service keeps the superuser's password beside it. */
    private static Optional<PgConnection> pgConnection() {
        try {
            List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            String password = Files.readString(dataDir.resolve("fachplan-password")).trim();
            return Optional.of(new PgConnection(pid.get(3).trim(), password));
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    private static Pgbench pgbench(PgConnection pg, String name, String script, String variable, String sample,
            int expectedRows) throws Exception {
        // A statement that returns the wrong rows would make a fast but meaningless floor.
        String sql = script.substring(script.indexOf('\n') + 1).trim().replace(":" + variable, sample);
        sql = sql.substring(0, sql.length() - 1);
        String rows = run(List.of("psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", "SELECT count(*) FROM (" + sql + ") q"),
                pg.env(), benchDir.resolve("psql-" + name + ".txt")).trim();
        String check = rows + " rows";
        if (!rows.equals(Integer.toString(expectedRows))) {
            notes.add("pgbench " + name + ": the statement returned " + rows + " rows for " + variable + "=" + sample
                    + ", expected " + expectedRows + ".");
        }
        Path file = benchDir.resolve("pgbench-" + name + ".sql");
        Files.writeString(file, script);
        List<String> common = List.of("pgbench", "-c", "32", "-j", "2", "-M", "prepared", "-n", "-f", file.toString());
        List<String> warm = new ArrayList<>(common);
        warm.addAll(List.of("-T", Integer.toString(warmup)));
        // pgbench exits with 2 when clients failed; that is reported as failures, not a crash
        run(warm, pg.env(), benchDir.resolve("pgbench-" + name + "-warmup.txt"), false);
        List<String> measured = new ArrayList<>(common);
        measured.addAll(List.of("-T", Integer.toString(duration)));
        String output = run(measured, pg.env(), benchDir.resolve("pgbench-" + name + ".txt"), false);
        if (!output.contains("without initial connection time")) {
            notes.add("pgbench " + name + " gave no tps: see " + benchDir.resolve("pgbench-" + name + ".txt"));
        }
        Pgbench result = new Pgbench(Double.parseDouble(find(output, "tps = ([0-9.]+) \\(without initial connection time\\)",
                "0")), Double.parseDouble(find(output, "latency average = ([0-9.]+) ms", "NaN")),
                Long.parseLong(find(output, "number of failed transactions: (\\d+)", "0")), check);
        System.out.printf(Locale.ROOT, "pgbench %-10s %10.1f tps  latency average %.2f ms  failed %d  (%s)%n", name,
                result.tps(), result.latencyMs(), result.failed(), check);
        return result;
    }

    // ---------------------------------------------------------------- single client

    record Single(String label, double median, double p95, String problem) {
    }

    private static List<Single> singleClient(String base) throws Exception {
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] { "GET", "/controlling-report?period=2020", null });
        calls.add(new String[] { "GET", "/capacity-chart?scenario=STABLE_ALLOCATION&from=2019-03&to=2020-12", null });
        calls.add(new String[] { "POST", "/capacity-chart/what-if", WHAT_IF });
        for (String operation : listOperations()) {
            String path = operation.split("\\?")[0];
            if (calls.stream().noneMatch(c -> c[0].equals("GET") && c[1].split("\\?")[0].equals(path))) {
                calls.add(new String[] { "GET", operation, null });
            }
        }
        List<Single> results = new ArrayList<>();
        for (String[] call : calls) {
            String url = base + "/api/v1" + call[1];
            List<Double> millis = new ArrayList<>();
            String problem = null;
            for (int i = 0; i < 230 && problem == null; i++) {
                long begin = System.nanoTime();
                HttpResponse<String> answer = send(call[0], url, call[2], adminKey, null);
                double elapsed = (System.nanoTime() - begin) / 1e6;
                if (answer.statusCode() / 100 != 2) {
                    problem = answer.statusCode() + ": " + answer.body().substring(0, Math.min(200, answer.body().length()));
                } else if (i >= 30) {
                    millis.add(elapsed);
                }
            }
            Collections.sort(millis);
            double median = millis.isEmpty() ? Double.NaN : millis.get(millis.size() / 2);
            double p95 = millis.isEmpty() ? Double.NaN : millis.get((int) (millis.size() * 0.95));
            Single single = new Single(call[0] + " " + call[1], median, p95, problem);
            System.out.printf(Locale.ROOT, "single %-80s median %7.2f ms  p95 %7.2f ms%s%n", single.label(), median, p95,
                    problem == null ? "" : "  ANSWERED " + problem);
            results.add(single);
        }
        return results;
    }

    /**
     * The contract's GET operations without path parameters, with values for their required query
     * parameters. Read line by line: the contract is a plain two-space YAML file, and a YAML
     * parser is not in the JDK.
     */
    private static List<String> listOperations() throws IOException {
        Path contract = Path.of("openapi/openapi.yaml");
        if (!Files.exists(contract)) {
            notes.add("openapi/openapi.yaml not found (run from the project directory): single-client rows only for the"
                    + " report, the chart and the what-if.");
            return List.of();
        }
        List<String> lines = Files.readAllLines(contract);
        Map<String, String[]> components = new LinkedHashMap<>();
        int componentsAt = lines.indexOf("components:");
        int parametersAt = lines.subList(componentsAt, lines.size()).indexOf("  parameters:") + componentsAt;
        for (int i = parametersAt + 1; i < lines.size() && !lines.get(i).matches("^  \\S.*"); i++) {
            Matcher name = Pattern.compile("^    (\\w+):\\s*$").matcher(lines.get(i));
            if (name.matches()) {
                components.put(name.group(1), parameter(lines, i + 1, 4));
            }
        }
        List<String> operations = new ArrayList<>();
        String path = null;
        for (int i = lines.indexOf("paths:") + 1; i < componentsAt; i++) {
            String line = lines.get(i);
            Matcher pathLine = Pattern.compile("^  (/\\S*):\\s*$").matcher(line);
            if (pathLine.matches()) {
                path = pathLine.group(1);
                continue;
            }
            if (!line.equals("    get:") || path == null || path.contains("{")) {
                continue;
            }
            List<String> query = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int j = i + 1; j < componentsAt && !lines.get(j).matches("^ {0,4}\\S.*"); j++) {
                Matcher ref = Pattern.compile("^\\s+- \\$ref: '#/components/parameters/(\\w+)'").matcher(lines.get(j));
                Matcher inline = Pattern.compile("^(\\s+)- name: ").matcher(lines.get(j));
                String[] parameter = ref.find() ? components.get(ref.group(1))
                        : inline.find() ? parameter(lines, j, inline.group(1).length()) : null;
                if (parameter == null || !"true".equals(parameter[2])) {
                    continue;
                }
                String value = KNOWN_PARAMETERS.get(parameter[0]);
                if (!"query".equals(parameter[1]) || value == null) {
                    missing.add(parameter[0] + " (" + parameter[1] + ")");
                } else {
                    query.add(parameter[0] + "=" + value);
                }
            }
            if (!missing.isEmpty()) {
                notes.add("GET " + path + " skipped: required " + String.join(", ", missing) + " unknown to this benchmark.");
            } else {
                operations.add(path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
            }
        }
        return operations;
    }

    /** name, in, required of the parameter whose block starts at {@code from} (the "- name:" line or the line after a component's name). */
    private static String[] parameter(List<String> lines, int from, int indent) {
        String[] result = new String[] { null, null, "false" };
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineIndent = line.length() - line.stripLeading().length();
            if (i > from && !line.isBlank() && (lineIndent <= indent)) {
                break;
            }
            Matcher member = Pattern.compile("^[\\s-]*(name|in|required):\\s*(\\S+)").matcher(line);
            if (member.find()) {
                int slot = switch (member.group(1)) {
                    case "name" -> 0;
                    case "in" -> 1;
                    default -> 2;
                };
                if (result[slot] == null || slot == 2) {
                    result[slot] = member.group(2);
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- the table

    private static String table(Map<String, Wrk> wrk, Pgbench pgByCode, Pgbench pgList, List<Single> singles,
            StartFigures first, StartFigures second, StartFigures external, Long rssAfterStart, Long rssAtEnd,
            String pgAfterStart, String pgAtEnd) {
        StringBuilder t = new StringBuilder();
        t.append("| measurement | throughput | latency | errors | figure | goal | result |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        Wrk floor = wrk.get("floor");
        row(t, "a. HTTP floor `GET /q/health/live` (wrk)", floor, "—", "—", null);
        t.append(String.format(Locale.ROOT, "| pgbench by code (1 statement) | %s | %s | %s | %s | — | — |%n",
                pgByCode == null ? "n/a" : rate(pgByCode.tps(), "tps"),
                pgByCode == null ? "" : String.format(Locale.ROOT, "avg %.2f ms", pgByCode.latencyMs()),
                pgByCode == null ? "" : flagged(pgByCode.failed()), pgByCode == null ? "" : pgByCode.check()));
        t.append(String.format(Locale.ROOT, "| pgbench list page of 50 (1 statement) | %s | %s | %s | %s | — | — |%n",
                pgList == null ? "n/a" : rate(pgList.tps(), "tps"),
                pgList == null ? "" : String.format(Locale.ROOT, "avg %.2f ms", pgList.latencyMs()),
                pgList == null ? "" : flagged(pgList.failed()), pgList == null ? "" : pgList.check()));

        Wrk same = wrk.get("same");
        double sameRatio = same.rps() / floor.rps();
        row(t, "b. list same page `?actionField=W&limit=50`", same, ratio(sameRatio, "floor"), "≥ 0.20 × floor",
                sameRatio >= 0.20);
        row(t, "b. list same page, p99", same, String.format(Locale.ROOT, "p99 %.2f ms", same.p99()), "≤ 20 ms",
                same.p99() <= 20);
        Wrk noReuse = wrk.get("noReuse");
        Double noReuseRatio = pgList == null ? null : noReuse.rps() / pgList.tps();
        row(t, "c. list no reuse (unique URL per request)", noReuse, noReuseRatio == null ? "n/a" : ratio(noReuseRatio,
                "pgbench list"), "≥ 0.5 × pgbench list", noReuseRatio == null ? null : noReuseRatio >= 0.5);
        Wrk search = wrk.get("searchNoReuse");
        row(t, "c2. search no reuse `?q=Lasttests…` (unique URL per request)", search,
                ratio(search.rps() / noReuse.rps(), "list no reuse"), "—", null);
        Wrk byCode = wrk.get("byCode");
        Double byCodeRatio = pgByCode == null ? null : byCode.rps() / pgByCode.tps();
        row(t, "d. by code `GET /measures/W1..W100`", byCode, byCodeRatio == null ? "n/a" : ratio(byCodeRatio,
                "pgbench by code"), "≥ 0.5 × pgbench by code", byCodeRatio == null ? null : byCodeRatio >= 0.5);
        Wrk byCode304 = wrk.get("byCode304");
        double r304 = byCode304.rps() / floor.rps();
        row(t, "e. 304 by code (`If-None-Match`)", byCode304, ratio(r304, "floor") + nonShare(byCode304), "≥ 0.5 × floor,"
                + " all 304", r304 >= 0.5 && allNotModified(byCode304));
        Wrk list304 = wrk.get("list304");
        if (list304 == null) {
            t.append("| f. 304 list (`If-None-Match`) | no ETag | | | the list sends no ETag | ≥ 0.5 × floor, all 304 | FAIL (no ETag) |\n");
        } else {
            double rl = list304.rps() / floor.rps();
            row(t, "f. 304 list (`If-None-Match`)", list304, ratio(rl, "floor") + nonShare(list304), "≥ 0.5 × floor, all 304",
                    rl >= 0.5 && allNotModified(list304));
        }
        for (Single single : singles) {
            boolean pass = single.problem() == null && single.median() <= 10;
            t.append(String.format(Locale.ROOT, "| single client `%s` | — | median %.2f ms, p95 %.2f ms | %s | median %.2f ms"
                    + " | ≤ 10 ms | %s |%n", single.label(), single.median(), single.p95(),
                    single.problem() == null ? "0" : "**" + single.problem().replace("|", "\\|").replace("\n", " ") + "**",
                    single.median(), single.problem() != null ? "FAIL (answered " + single.problem().substring(0, 3) + ")"
                            : pass ? "PASS" : "FAIL"));
        }
        startRows(t, first, second, external, rssAfterStart, rssAtEnd, pgAfterStart, pgAtEnd);
        return t.toString();
    }

    private static void startRows(StringBuilder t, StartFigures first, StartFigures second, StartFigures external,
            Long rssAfterStart, Long rssAtEnd, String pgAfterStart, String pgAtEnd) {
        t.append(String.format(Locale.ROOT, "| RSS after start (Java%s) | | | | %s | ≤ 250 MB | %s |%n",
                second == null ? "; not started here: when the benchmark began" : "", mb(rssAfterStart),
                verdict(rssAfterStart == null ? null : rssAfterStart / 1024.0 <= 250)));
        if (!startsOnly) {
            t.append(String.format(Locale.ROOT, "| RSS at end (Java) | | | | %s | ≤ 450 MB | %s |%n", mb(rssAtEnd),
                    verdict(rssAtEnd == null ? null : rssAtEnd / 1024.0 <= 450)));
        }
        t.append(String.format(Locale.ROOT, "| PostgreSQL memory after start / at end | | | | %s / %s | — | — |%n",
                pgAfterStart, pgAtEnd));
        t.append(String.format(Locale.ROOT, "| start on an already migrated embedded database (to ready 200) | | | | %s | ≤ 3 s | %s |%n",
                second == null ? "n/a (not started here)" : second.describe(),
                verdict(second == null ? null : second.seconds() <= 3)));
        t.append(String.format(Locale.ROOT, "| start on an already migrated external PostgreSQL (to ready 200) | | | | %s | ≤ 3 s | %s |%n",
                external == null ? "n/a" : external.describe(), verdict(external == null ? null : external.seconds() <= 3)));
        t.append(String.format(Locale.ROOT, "| first start of this run (to ready 200) | | | | %s | — | — |%n",
                first == null ? "n/a" : first.describe() + (freshDataDir ? ", new data directory: initdb, migrations, demo data"
                        : ", data directory already migrated")));
    }

    private static void row(StringBuilder t, String label, Wrk w, String figure, String goal, Boolean pass) {
        String errors = w.errors() == 0 ? "0" : "**" + w.errors() + "**" + (w.non2xx3xx() > 0 ? " non-2xx/3xx " + w.non2xx3xx() : "")
                + (w.socketErrorCount() > 0 ? " " + w.socketErrors() : "") + (w.other() != null && w.other() > 0
                        ? " other statuses " + w.other() : "");
        String result = pass == null ? (goal.equals("—") ? "—" : "n/a")
                : w.errors() > 0 ? "FAIL (errors)" : pass ? "PASS" : "FAIL";
        if (goal.equals("—") && w.errors() > 0) {
            result = "FLAGGED (errors)";
        }
        t.append(String.format(Locale.ROOT, "| %s | %s | p50 %.2f ms, p99 %.2f ms | %s | %s | %s | %s |%n", label,
                rate(w.rps(), "req/s"), w.p50(), w.p99(), errors, figure, goal, result));
    }

    private static boolean allNotModified(Wrk w) {
        return w.s304() != null && w.s304() > 0 && w.s2xx() == 0 && w.other() == 0;
    }

    private static String nonShare(Wrk w) {
        if (w.s304() == null || w.requests() == 0) {
            return "";
        }
        long counted = w.s304() + w.s2xx() + w.other();
        return String.format(Locale.ROOT, "; non-304 %.2f %%", counted == 0 ? 0 : 100.0 * (counted - w.s304()) / counted);
    }

    private static String rate(double value, String unit) {
        return String.format(Locale.ROOT, "%.0f %s", value, unit);
    }

    private static String ratio(double value, String of) {
        return String.format(Locale.ROOT, value < 0.1 ? "%.3f × %s" : "%.2f × %s", value, of);
    }

    private static String flagged(long errors) {
        return errors == 0 ? "0" : "**" + errors + "**";
    }

    private static String verdict(Boolean pass) {
        return pass == null ? "n/a" : pass ? "PASS" : "FAIL";
    }
}
