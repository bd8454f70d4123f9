import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rows per second of the CSV export of indicator values (GET /api/v1/indicator-values with
 * {@code Accept: text/csv}) over one million values, and the service's heap before, during and
 * after it. It exports four times from the same service: the first export of a freshly started
 * service (cold: the JIT compiles the export's path during it) is printed and labelled as such
 * and also serves as the warm-up; then three exports as a nightly script sees them from a running
 * service, each printed, and their median.
 *
 * <p>Run against a service started on its embedded database with its own data directory:
 * <pre>
 * FACHPLAN_EMBEDDED_DB_DATA_DIR=/tmp/fachplan-bench sh target/quarkus-app/fachplan.sh
 * java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.10/postgresql-42.7.10.jar \
 *   src/bench/IndicatorExportBench.java http://localhost:8080 "$ADMIN" \
 *   jdbc:postgresql://localhost:PORT/postgres /tmp/fachplan-bench/fachplan-password [service pid] [rows]
 * </pre>
 * The port is in the service's start-up log ("Embedded PostgreSQL started ... on port"), the
 * password in {@code fachplan-password} of the data directory. The definitions are made through the
 * API (illustrative indicators of action field C); the million values are then written by one
 * server-side {@code INSERT ... SELECT generate_series} through JDBC, because a million single
 * POSTs would time the write path, not the export. Those rows bypass the change feed and the audit
 * trail, which the export does not read. The table is then vacuumed and analysed, as autovacuum
 * leaves it after so many inserts: otherwise the first read of the new rows also marks each as
 * committed (hint bits, about 1 CPU-second of PostgreSQL here) and autovacuum may start in the
 * middle of an export, both counted as the export's. With the service's pid the bench runs
 * {@code jcmd <pid> GC.heap_info} before the first export and after a {@code jcmd <pid> GC.run} at the
 * end, and reads the heap in use from the service's {@code /q/metrics} every 200 ms during each export
 * (keeping the largest). The exports are read with {@code HttpURLConnection}, which costs the two
 * cores the service shares with the bench far less than {@code java.net.http}'s client. On Linux it also prints the CPU seconds
 * that the service and PostgreSQL (every process of the database server, read from {@code /proc})
 * used during each export: steadier than the wall time on a shared machine.
 */
public class IndicatorExportBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int MONTHS = 600;
    /** Exports timed after the first one, which also warms the service up; the median of them is the figure. */
    private static final int WARM_EXPORTS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java -cp postgresql.jar IndicatorExportBench.java <base URL> <admin key>"
                    + " <jdbc url> <password or password file> [service pid] [rows]");
            System.exit(2);
        }
        String base = args[0];
        String admin = args[1];
        String password = Files.exists(Path.of(args[3])) ? Files.readString(Path.of(args[3])).trim() : args[3];
        Long pid = args.length > 4 ? Long.valueOf(args[4]) : null;
        long rows = args.length > 5 ? Long.parseLong(args[5]) : 1_000_000;

        List<String> indicators = new ArrayList<>();
        long postmaster;
        try (Connection db = DriverManager.getConnection(args[2], "postgres", password)) {
            try (var backend = db.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                backend.next();
                postmaster = parent(backend.getLong(1));
            }
            long districts;
            try (var result = db.createStatement().executeQuery("SELECT count(*) + 1 FROM district")) {
                result.next();
                districts = result.getLong(1);
            }
            long perIndicator = MONTHS * districts;
            long count = (rows + perIndicator - 1) / perIndicator;
            String run = Long.toString(System.currentTimeMillis() % 100000);
            for (int i = 0; i < count; i++) {
                String code = "BENCH-" + run + "-" + i;
                post(base + "/api/v1/indicators", admin, "{\"code\":\"" + code + "\",\"name\":{\"de\":\"Benchmark "
                        + i + "\"},\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"MONTHLY\","
                        + "\"actionField\":\"C\",\"illustrative\":true}", 201);
                indicators.add(code);
            }
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO indicator_value (indicator_id, period,"
                    + " period_start, district_id, value, state, revision, note, recorded_at, recorded_by, created_at,"
                    + " updated_at, version)"
                    + " SELECT i.id, to_char(m, 'YYYY-MM'), m::date, d.id, (random() * 1000)::int, 'APPROVED', 1,"
                    + " CASE WHEN random() < 0.1 THEN 'Hinweis, mit \"Anführungszeichen\"' END,"
                    + " now(), 'benchmark', now(), now(), 0"
                    + " FROM indicator i"
                    + " CROSS JOIN generate_series(DATE '1950-01-01', DATE '1950-01-01' + interval '" + (MONTHS - 1)
                    + " months', interval '1 month') m"
                    + " CROSS JOIN (SELECT id FROM district UNION ALL SELECT NULL) d"
                    + " WHERE i.code LIKE ? LIMIT ?")) {
                insert.setString(1, "BENCH-" + run + "-%");
                insert.setLong(2, rows);
                int inserted = insert.executeUpdate();
                System.out.printf("loaded %,d values for %d indicators through JDBC in %.1f s%n", inserted,
                        indicators.size(), (System.nanoTime() - start) / 1e9);
            }
            db.createStatement().execute("VACUUM (ANALYZE) indicator_value");
            db.createStatement().execute("CHECKPOINT");
        }

        String before = pid == null ? null : heapUsed(pid);
        URI export = URI.create(base + "/api/v1/indicator-values?actionField=C&periodFrom=1950&periodTo=1999");
        URI metrics = URI.create(base + "/q/metrics");
        Export cold = export(export, metrics, admin, pid, postmaster);
        print("first export of the started service (cold, also the warm-up)", cold);
        List<Export> warm = new ArrayList<>();
        for (int i = 1; i <= WARM_EXPORTS; i++) {
            Export run = export(export, metrics, admin, pid, postmaster);
            print("warm export " + i, run);
            warm.add(run);
        }
        List<Double> rates = warm.stream().map(Export::rowsPerSecond).sorted().toList();
        System.out.printf("median of the %d warm exports: %,.0f rows/s (first export: %,.0f rows/s)%n", WARM_EXPORTS,
                rates.get(rates.size() / 2), cold.rowsPerSecond());
        if (pid != null) {
            jcmd(pid, "GC.run");
            System.out.println("heap used before the first export: " + before);
            System.out.printf("heap used at most during the exports (sampled every 200 ms): %,d K%n",
                    Stream.concat(Stream.of(cold), warm.stream())
                            .mapToLong(Export::peakHeapKilobytes).max().orElse(0));
            System.out.println("heap used after the exports and a full GC: " + heapUsed(pid));
        }
    }

    /** One export's rows, bytes, wall time, CPU seconds of the service and the database, and the largest heap seen. */
    private record Export(long rows, long bytes, double seconds, Double serviceCpu, double databaseCpu,
            long peakHeapKilobytes) {

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private static void print(String label, Export run) {
        System.out.printf("%s: %,d rows (%,d MB) as CSV in %.2f s = %,.0f rows/s; CPU service %s s, PostgreSQL %.2f s;"
                + " heap at most %,d K%n", label, run.rows(), run.bytes() >> 20, run.seconds(), run.rowsPerSecond(),
                run.serviceCpu() == null ? "?" : String.format("%.2f", run.serviceCpu()), run.databaseCpu(),
                run.peakHeapKilobytes());
    }

    /** Runs the export once, reading the whole body, with CPU and (given the service's pid) heap samples. */
    private static Export export(URI export, URI metrics, String admin, Long pid, long postmaster) throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = null;
        if (pid != null) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(heapUsedKilobytes(metrics), Math::max);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }
        long serviceTicks = pid == null ? 0 : ticks(pid);
        long databaseTicks = serverTicks(postmaster);
        long start = System.nanoTime();
        // HttpURLConnection reads the body straight from the socket; java.net.http's client took about
        // a third of the export's wall time on this machine's two cores, which the service shares.
        HttpURLConnection connection = (HttpURLConnection) export.toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + admin);
        connection.setRequestProperty("Accept", "text/csv");
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException("export answered " + connection.getResponseCode());
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = connection.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Double serviceCpu = pid == null ? null : (ticks(pid) - serviceTicks) / 100.0;
        double databaseCpu = (serverTicks(postmaster) - databaseTicks) / 100.0;
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        // Lines minus the header; notes hold no line breaks, so every other line is one row.
        return new Export(lines - 1, bytes, seconds, serviceCpu, databaseCpu, peak.get());
    }

    /** The parent of a process (0 where {@code /proc} is missing). */
    private static long parent(long pid) {
        try {
            return Long.parseLong(stat(pid)[1]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** User and system CPU of a process in clock ticks (1/100 s on Linux). */
    private static long ticks(long pid) {
        try {
            String[] fields = stat(pid);
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** The CPU of the database server and of all its processes (backends, also new ones). */
    private static long serverTicks(long postmaster) throws Exception {
        if (postmaster <= 0) {
            return 0;
        }
        long sum = ticks(postmaster);
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && parent(Long.parseLong(name)) == postmaster) {
                    sum += ticks(Long.parseLong(name));
                }
            }
        }
        return sum;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, parent, ... */
    private static String[] stat(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * The heap in use, from the service's own metrics (the sum of {@code jvm_memory_used_bytes} of the
     * heap's areas, garbage included, as {@code GC.heap_info}'s "used"): a request of a few milliseconds,
     * where each {@code jcmd} starts a JVM of its own that would take CPU from the export it measures.
     */
    private static long heapUsedKilobytes(URI metrics) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) metrics.toURL().openConnection();
        double bytes = 0;
        try (var lines = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return (long) (bytes / 1024);
    }

    private static String heapUsed(long pid) throws Exception {
        Matcher used = Pattern.compile("used (\\d+K)").matcher(jcmd(pid, "GC.heap_info"));
        return used.find() ? used.group(1) : "unknown";
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private static String post(String url, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
