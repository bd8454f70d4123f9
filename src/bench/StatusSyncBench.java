import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Items per second of the bulk status sync (POST /api/v1/measure-status-updates) for batches of
 * 1,000 items, against a running service on loopback.
 *
 * <p>Run: {@code java src/bench/StatusSyncBench.java http://localhost:8080 <admin API key> [runs]}
 * It creates an illustrative partner organisation with a partner key and 1,000 measures led by it,
 * then sends {@code runs} (default 5) batches of 1,000 progress updates, each item its own
 * transaction, and prints items per second for each run and their median. The machines here are
 * shared and noisy: read the median.
 */
public class StatusSyncBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String admin = args.length > 1 ? args[1] : System.getenv("FACHPLAN_ADMIN_KEY");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (admin == null) {
            System.err.println("usage: java StatusSyncBench.java <base URL> <admin API key> [runs]");
            System.exit(2);
        }
        String organisation = field(post(base + "/api/v1/organisations", admin,
                "{\"name\":\"Benchmark-Träger " + System.nanoTime() + "\",\"type\":\"ASSOCIATION\",\"illustrative\":true}", 201), "id");
        String partner = field(post(base + "/api/v1/api-keys", admin,
                "{\"name\":\"benchmark partner\",\"role\":\"PARTNER\",\"organisationId\":\"" + organisation + "\"}", 201), "key");
        String[] fields = { "M", "R", "B", "W", "S", "F", "G", "P", "Q", "C" };
        List<String> measures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            measures.add(field(post(base + "/api/v1/measures", admin, "{\"actionField\":\"" + fields[i % 10]
                    + "\",\"title\":\"Benchmark-Sync " + i + "\",\"illustrative\":true,\"status\":\"IMPLEMENTATION\","
                    + "\"leadOrganisationId\":\"" + organisation + "\"}", 201), "id"));
        }
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            StringBuilder body = new StringBuilder("{\"items\":[");
            for (int i = 0; i < measures.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"reference\":\"r").append(i).append("\",\"measure\":\"")
                        .append(measures.get(i)).append("\",\"progress\":").append((run * 7 + i) % 100).append('}');
            }
            body.append("]}");
            long start = System.nanoTime();
            String answer = post(base + "/api/v1/measure-status-updates", partner, body.toString(), 207);
            double seconds = (System.nanoTime() - start) / 1e9;
            long applied = answer.split("\"status\":200").length - 1;
            if (applied != measures.size()) {
                throw new IllegalStateException("only " + applied + " of " + measures.size() + " items applied");
            }
            rates.add(measures.size() / seconds);
            System.out.printf("run %d: 1000 items in %.2f s = %.0f items/s%n", run + 1, seconds, measures.size() / seconds);
        }
        Collections.sort(rates);
        System.out.printf("median: %.0f items/s%n", rates.get(rates.size() / 2));
    }

    private static String post(String url, String key, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
