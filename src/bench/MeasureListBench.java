import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the measure list scales with the page size, against a running service on loopback.
 *
 * <p>Run: {@code java src/bench/MeasureListBench.java http://localhost:8080 <admin API key> [measures]}
 * It first tops the plan up to the given number of measures (default 1000, each with guidelines,
 * target groups, districts and a partner), then times 200 requests for each page size after 50
 * warm-up requests and prints the median and 95th percentile in milliseconds and the ratio of the
 * medians to the 10-measure page. A ratio well below the ratio of page sizes means the cost per
 * page does not grow with one query per measure. Machines here are shared and noisy: compare
 * ratios and medians, not single numbers.
 */
public class MeasureListBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String key = args.length > 1 ? args[1] : System.getenv("FACHPLAN_ADMIN_KEY");
        int wanted = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        if (key == null) {
            System.err.println("usage: java MeasureListBench.java <base URL> <admin API key> [measures]");
            System.exit(2);
        }
        int existing = count(base);
        String[] fields = { "M", "R", "B", "W", "S", "F", "G", "P", "Q", "C" };
        for (int i = existing; i < wanted; i++) {
            String body = "{\"actionField\":\"" + fields[i % 10] + "\",\"title\":\"Benchmark-Maßnahme " + i
                    + "\",\"description\":\"Illustrativ, für den Lasttest angelegt.\",\"illustrative\":true,"
                    + "\"guidelines\":[\"L1\",\"L2\"],\"targetGroups\":[\"WOMEN\",\"ASYLUM_SEEKERS\"],"
                    + "\"districts\":[\"COTTA\",\"PROHLIS\"]}";
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/measures"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating a measure answered " + created.statusCode() + ": " + created.body());
            }
        }
        System.out.printf("measures in the plan: %d%n", count(base));
        double baseline = 0;
        for (int limit : new int[] { 10, 50, 100, 200 }) {
            String url = base + "/api/v1/measures?limit=" + limit;
            for (int i = 0; i < 50; i++) {
                get(url);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                get(url);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            double median = millis.get(millis.size() / 2);
            double p95 = millis.get((int) (millis.size() * 0.95));
            if (limit == 10) {
                baseline = median;
            }
            System.out.printf("limit=%3d  median %6.2f ms  p95 %6.2f ms  median ratio to limit=10: %.2f%n", limit,
                    median, p95, median / baseline);
        }
    }

    private static int count(String base) throws Exception {
        int total = 0;
        String url = base + "/api/v1/measures?limit=200";
        while (url != null) {
            String body = get(url);
            total += body.split("\"actionField\":").length - 1;
            int at = body.indexOf("\"nextCursor\":\"");
            url = at < 0 ? null
                    : base + "/api/v1/measures?limit=200&cursor=" + body.substring(at + 14, body.indexOf('"', at + 14));
        }
        return total;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
