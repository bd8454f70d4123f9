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
 * Latency of the capacity what-if call (the frontend's slider) and of the stored-scenario chart,
 * for ten years of months, against a running service on loopback.
 *
 * <p>Run: {@code java src/bench/CapacityWhatIfBench.java http://localhost:8080 <admin API key> [facilities] [months]}
 * It first tops the city up to the given number of benchmark facilities (default 300, spread over
 * the ten city districts, codes {@code BENCH-…}) and records each one's ledger for the given number
 * of months (default 36, 2023-01 onwards) through the batch endpoint. Then it times 200 what-if
 * calls over 2019-01 to 2028-12 (120 months) after 50 warm-up calls, and the same for
 * {@code GET /capacity-chart}, which also computes the first shortfall of every stored scenario.
 * It prints the median and the 95th percentile in milliseconds. The target is a median well under
 * 100 ms. Machines here are shared and noisy: compare medians, not single numbers.
 */
public class CapacityWhatIfBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] DISTRICTS = { "ALTSTADT", "NEUSTADT", "PIESCHEN", "KLOTZSCHE", "LOSCHWITZ",
            "BLASEWITZ", "LEUBEN", "PROHLIS", "PLAUEN", "COTTA" };

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String key = args.length > 1 ? args[1] : System.getenv("FACHPLAN_ADMIN_KEY");
        int facilities = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int months = args.length > 3 ? Integer.parseInt(args[3]) : 36;
        if (key == null) {
            System.err.println("usage: java CapacityWhatIfBench.java <base URL> <admin API key> [facilities] [months]");
            System.exit(2);
        }
        String operator = firstMatch(send(key, "GET", base + "/api/v1/organisations?limit=1", null, 200),
                "\"id\"\\s*:\\s*\"([^\"]+)\"");
        List<String> batch = new ArrayList<>();
        int created = 0;
        for (int i = 0; i < facilities; i++) {
            String code = String.format("BENCH-%04d", i);
            HttpResponse<String> existing = HTTP.send(request(key, base + "/api/v1/accommodation-facilities/" + code)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() == 200) {
                continue;
            }
            int places = 40 + (i % 7) * 20;
            send(key, "POST", base + "/api/v1/accommodation-facilities", "{\"code\":\"" + code
                    + "\",\"name\":\"Benchmark-Unterkunft " + i + "\",\"type\":\"SHARED_ACCOMMODATION\",\"district\":\""
                    + DISTRICTS[i % DISTRICTS.length] + "\",\"operatorOrganisationId\":\"" + operator
                    + "\",\"streetAddress\":\"Benchmarkstraße " + i + "\",\"plannedPlaces\":" + places
                    + ",\"openedOn\":\"2023-01-01\",\"illustrative\":true}", 201);
            created++;
            for (int m = 0; m < months; m++) {
                int year = 2023 + m / 12;
                int month = 1 + m % 12;
                batch.add(String.format("{\"reference\":\"%s-%d\",\"facility\":\"%s\",\"month\":\"%d-%02d\","
                        + "\"placesAvailable\":%d,\"placesBlocked\":%d,\"personsHoused\":%d}", code, m, code, year, month,
                        places, m % 3, places * 3 / 4 + m % 5));
                if (batch.size() == 1000) {
                    flush(base, key, batch);
                }
            }
        }
        flush(base, key, batch);
        System.out.printf("benchmark facilities created now: %d (of %d), ledger months each: %d%n", created, facilities,
                months);

        String whatIf = "{\"from\":\"2019-01\",\"to\":\"2028-12\",\"parameters\":{\"monthlyAllocations\":90,"
                + "\"departureRate\":0.025,\"targetOccupancy\":0.85,\"reserveShare\":0.1}}";
        report("POST /capacity-chart/what-if (120 months)", () -> send(null, "POST",
                base + "/api/v1/capacity-chart/what-if", whatIf, 200));
        report("GET  /capacity-chart (120 months, all scenarios' shortfalls)", () -> send(null, "GET",
                base + "/api/v1/capacity-chart?scenario=STABLE_ALLOCATION&from=2019-01&to=2028-12", null, 200));
    }

    private interface Call {
        String run() throws Exception;
    }

    private static void report(String label, Call call) throws Exception {
        for (int i = 0; i < 50; i++) {
            call.run();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            call.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("%-62s median %6.1f ms   p95 %6.1f ms%n", label, millis.get(millis.size() / 2),
                millis.get((int) (millis.size() * 0.95)));
    }

    private static void flush(String base, String key, List<String> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        String answer = send(key, "POST", base + "/api/v1/capacity-record-updates",
                "{\"items\":[" + String.join(",", batch) + "]}", 207);
        if (answer.contains("\"problem\"")) {
            throw new IllegalStateException("a ledger item was refused: " + answer.substring(0, Math.min(answer.length(), 600)));
        }
        batch.clear();
    }

    private static HttpRequest.Builder request(String key, String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    private static String send(String key, String method, String url, String body, int expected) throws Exception {
        HttpRequest.Builder builder = request(key, url);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not found: " + regex);
        }
        return matcher.group(1);
    }
}
