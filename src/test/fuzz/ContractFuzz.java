import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A schema-driven fuzzer of the contract (issue 14). It walks every operation of
 * openapi/openapi.yaml and sends, per role (anonymous, partner, editor, admin), REQUESTS requests
 * built from the operation's parameters and request body: mostly well-formed values from the
 * schemas (enums, examples, numbers in and out of range, strings up to and beyond their limits),
 * mutated ones (wrong types, unknown and missing members, NUL and control characters, malformed
 * percent-escapes, request lines above 4 KiB, chunked bodies above 1 MiB, control characters in
 * headers). Requests go over plain sockets, so that nothing repairs them on the way.
 *
 * <p>Each answer is checked: no 5xx; a status the operation declares; an error body is
 * problem+json; no body shows internals (class names, SQL, stack traces). Answers without any body
 * that Netty or Quarkus give before a route exists (a header with control characters, a request
 * line that is no URI) are counted in their own column: no application code sees those requests.
 * The exit status is 1 when a checked figure is not 0.
 *
 * <p>Run by .ci/run against the packaged service: {@code java -cp <jackson jars> ContractFuzz.java}
 * with BASE_URL, ADMIN_KEY, CONTRACT (path of openapi.yaml), REQUESTS (per role, default 10000)
 * and THREADS (connections at once, default 4) in the environment.
 */
public class ContractFuzz {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern INTERNAL = Pattern.compile(
            "Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|org\\.hibernate|org\\.postgresql|io\\.quarkus|io\\.vertx|de\\.fachplan\\."
                    + "|java\\.lang|jakarta\\.|SQLState|PSQL|syntax error at|SELECT .* FROM|INSERT INTO|duplicate key");
    static final String[] ROLES = { "anonymous", "partner", "editor", "admin" };
    static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("THREADS", "4"));

    record Operation(String method, String path, String id, List<JsonNode> parameters, JsonNode body,
            String bodyType, Set<String> statuses) {
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    static final class Figures {
        int requests;
        int serverErrors;
        int undeclared;
        int nonProblem;
        int internals;
        int refusedWithoutBody;
        int notSent;
        final Map<String, Integer> findings = new TreeMap<>();

        synchronized void finding(String what) {
            findings.merge(what, 1, Integer::sum);
        }
    }

    static JsonNode contract;
    static String host;
    static int port;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(env("BASE_URL", "http://localhost:8080"));
        host = base.getHost();
        port = base.getPort();
        contract = new YAMLMapper().readTree(Path.of(env("CONTRACT", "openapi/openapi.yaml")).toFile());
        int perRole = Integer.parseInt(env("REQUESTS", "10000"));
        List<Operation> operations = operations();
        Map<String, String> tokens = tokens(env("ADMIN_KEY", ""));
        Map<String, Figures> results = new LinkedHashMap<>();
        boolean clean = true;
        for (String role : ROLES) {
            Figures figures = new Figures();
            long started = System.nanoTime();
            // A few connections at once, as a busy client would: the figures are the same, the run shorter.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
            for (int i = 0; i < perRole; i++) {
                pool.submit(() -> {
                    Operation operation = operations.get(rnd().nextInt(operations.size()));
                    try {
                        check(operation, send(operation, tokens.get(role)), figures);
                    } catch (RuntimeException e) {
                        // A request the fuzzer could not build counts, so that the total stays honest.
                        synchronized (figures) {
                            figures.notSent++;
                        }
                        figures.finding(operation.id() + ": not sent (" + e + ")");
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
            results.put(role, figures);
            System.out.printf(Locale.ROOT, "%-9s %6d requests in %5.1f s%n", role, figures.requests,
                    (System.nanoTime() - started) / 1e9);
            clean &= figures.serverErrors == 0 && figures.undeclared == 0 && figures.nonProblem == 0
                    && figures.internals == 0 && figures.notSent == 0;
        }
        System.out.println();
        System.out.println("| role | requests | 5xx | undeclared status | error body not problem+json | internals in body | refused before any route, no body | not sent |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        results.forEach((role, f) -> System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d |%n", role, f.requests,
                f.serverErrors, f.undeclared, f.nonProblem, f.internals, f.refusedWithoutBody, f.notSent));
        results.forEach((role, f) -> f.findings.forEach((what, count) -> System.out.println(role + ": " + count + " × " + what)));
        System.exit(clean ? 0 : 1);
    }

    static java.util.concurrent.ThreadLocalRandom rnd() {
        return java.util.concurrent.ThreadLocalRandom.current();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Keys for the roles: an editor and a partner key of a new organisation, made with the admin key. */
    static Map<String, String> tokens(String adminKey) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("admin", adminKey);
        tokens.put("editor", key(adminKey, "{\"name\":\"fuzz editor\",\"role\":\"EDITOR\"}"));
        Answer organisation = exchange(request("POST", "/api/v1/organisations", adminKey,
                Map.of("Content-Type", "application/json"),
                ("{\"name\":\"Fuzz-Träger " + System.nanoTime() + "\",\"type\":\"ASSOCIATION\"}").getBytes(StandardCharsets.UTF_8),
                false));
        String organisationId = JSON.readTree(organisation.body()).path("id").asText();
        tokens.put("partner", key(adminKey, "{\"name\":\"fuzz partner\",\"role\":\"PARTNER\",\"organisationId\":\""
                + organisationId + "\"}"));
        return tokens;
    }

    static String key(String adminKey, String body) throws IOException {
        Answer answer = exchange(request("POST", "/api/v1/api-keys", adminKey, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), false));
        String key = JSON.readTree(answer.body()).path("key").asText(null);
        if (key == null) {
            throw new IllegalStateException("no key: " + answer.status() + " " + answer.body());
        }
        return key;
    }

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").properties().iterator(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(p -> parameters.add(resolve(p)));
                operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
                JsonNode content = resolve(operation.path("requestBody")).path("content");
                String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode body = bodyType == null ? null : resolve(content.path(bodyType).path("schema"));
                Set<String> statuses = new java.util.HashSet<>();
                operation.path("responses").fieldNames().forEachRemaining(statuses::add);
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), "/api/v1" + path.getKey(),
                        operation.path("operationId").asText(), parameters, body, bodyType, statuses));
            }
        }
        return operations;
    }

    static JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            JsonNode target = contract;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    // --- building requests ---------------------------------------------------------------------

    static byte[] send(Operation operation, String token) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean send = parameter.path("required").asBoolean() ? rnd().nextInt(20) > 0 : rnd().nextInt(3) == 0;
            if (!send && !"path".equals(in)) {
                continue;
            }
            String value = value(resolve(parameter.path("schema")), parameter.path("example"));
            switch (in) {
                // A path value that is empty or holds a slash would address another operation.
                case "path" -> path = path.replace("{" + name + "}",
                        encodeMaybeBadly(value.isEmpty() || value.contains("/") ? "x" : value));
                case "query" -> query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(encodeMaybeBadly(value));
                case "header" -> headers.put(name, value.replaceAll("[\\r\\n]", ""));
                default -> {
                }
            }
        }
        if (rnd().nextInt(100) == 0) {
            // A request line above 4 KiB (and within the 16 KiB the service accepts).
            query.append(query.isEmpty() ? '?' : '&').append("q=").append("x".repeat(4_200 + rnd().nextInt(8_000)));
        }
        if (rnd().nextInt(100) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append("q=a%00b");
        }
        if (rnd().nextInt(150) == 0) {
            query.append(query.isEmpty() ? '?' : '&').append("q=%zz");
        }
        if (rnd().nextInt(150) == 0) {
            headers.put("X-Fuzz", "a\u0000b\u0001c");
        }
        if (rnd().nextInt(20) == 0) {
            headers.put("X-Request-Id", rnd().nextBoolean() ? "fuzz-" + rnd().nextInt(1000) : "bad id \u00e4");
        }
        byte[] body = null;
        boolean chunked = false;
        if (operation.bodyType() != null && rnd().nextInt(15) > 0) {
            headers.put("Content-Type", rnd().nextInt(30) == 0 ? "text/plain" : operation.bodyType());
            if (rnd().nextInt(200) == 0) {
                body = ("{\"x\":\"" + "y".repeat(1_100_000 + rnd().nextInt(200_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
                chunked = true;
            } else if (operation.bodyType().contains("json")) {
                JsonNode json = instance(operation.body(), 0);
                body = (rnd().nextInt(25) == 0 ? "{\"broken\": " : json.toString()).getBytes(StandardCharsets.UTF_8);
                chunked = rnd().nextInt(10) == 0;
            } else {
                body = "indicator,period,value\r\nX,2020,1\r\n".getBytes(StandardCharsets.UTF_8);
            }
        }
        if (operation.method().equals("PATCH") || operation.method().equals("PUT") || operation.method().equals("DELETE")) {
            if (rnd().nextInt(4) > 0) {
                headers.putIfAbsent("If-Match", rnd().nextBoolean() ? "\"" + rnd().nextInt(5) + "\"" : "*");
            }
        }
        return request(operation.method(), path + query, token, headers, body, chunked);
    }

    static String encodeMaybeBadly(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value for a parameter: mostly from the schema, sometimes off it. */
    static String value(JsonNode schema, JsonNode example) {
        int pick = rnd().nextInt(12);
        if (pick == 0 && !example.isMissingNode()) {
            return example.asText();
        }
        if (pick == 1) {
            return junk();
        }
        JsonNode instance = instance(schema, 0);
        return instance.isTextual() ? instance.asText() : instance.toString();
    }

    static String junk() {
        return switch (rnd().nextInt(9)) {
            case 0 -> "";
            case 1 -> "0000";
            case 2 -> "0999-Q1";
            case 3 -> "-1";
            case 4 -> "a\u0000b";
            case 5 -> "ä".repeat(rnd().nextInt(300));
            case 6 -> "../../etc/passwd";
            case 7 -> "' OR 1=1 --";
            default -> "9".repeat(30);
        };
    }

    static JsonNode instance(JsonNode schema, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        schema = resolve(schema);
        if (schema == null || schema.isMissingNode()) {
            return f.textNode("x");
        }
        if (rnd().nextInt(40) == 0) {
            return rnd().nextBoolean() ? f.numberNode(rnd().nextInt()) : f.textNode(junk());
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                JsonNode options = schema.get(combinator);
                return instance(options.get(rnd().nextInt(options.size())), depth);
            }
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return rnd().nextInt(15) == 0 ? f.textNode("NOT_IN_ENUM") : values.get(rnd().nextInt(values.size()));
        }
        if (schema.has("example") && rnd().nextInt(3) == 0) {
            return schema.get("example");
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                if (depth > 4) {
                    return object;
                }
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").properties().forEach(p -> {
                    if (required.contains(p.getKey()) ? rnd().nextInt(15) > 0 : rnd().nextInt(3) == 0) {
                        object.set(p.getKey(), instance(p.getValue(), depth + 1));
                    }
                });
                if (rnd().nextInt(20) == 0) {
                    object.put("unknownMember", 1);
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                int size = rnd().nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(instance(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.path("minimum").asLong(-5);
                long max = schema.path("maximum").asLong(1_000);
                return f.numberNode(rnd().nextInt(10) == 0 ? max + 1 : min + (long) (rnd().nextDouble() * (max - min + 1)));
            }
            case "number" -> {
                return f.numberNode(Math.round(rnd().nextDouble() * 100_000) / 100.0 * (rnd().nextInt(10) == 0 ? -1 : 1));
            }
            case "boolean" -> {
                return f.booleanNode(rnd().nextBoolean());
            }
            default -> {
                return f.textNode(string(schema));
            }
        }
    }

    static String string(JsonNode schema) {
        String format = schema.path("format").asText("");
        int max = schema.path("maxLength").asInt(200);
        String pattern = schema.path("pattern").asText("");
        return switch (rnd().nextInt(10)) {
            case 0 -> "z".repeat(Math.min(max + 1, 20_000));
            case 1 -> junk();
            default -> switch (format) {
                case "uuid" -> java.util.UUID.randomUUID().toString();
                case "date" -> (1990 + rnd().nextInt(50)) + "-0" + (1 + rnd().nextInt(9)) + "-1" + rnd().nextInt(10);
                case "date-time" -> "2026-11-" + (10 + rnd().nextInt(20)) + "T06:15:00Z";
                case "uri" -> rnd().nextBoolean() ? "https://example.org/hook" : "http://[64:ff9b::a9fe:a9fe]/";
                default -> pattern.contains("Q[1-4]") || pattern.contains("-H") ? periods()
                        : pattern.startsWith("^[0-9]{4}-") ? (1990 + rnd().nextInt(80)) + "-0" + (1 + rnd().nextInt(9))
                        : "Fuzz " + Integer.toString(rnd().nextInt(100_000), 36);
            };
        };
    }

    static String periods() {
        String[] forms = { "2019", "2019-Q2", "2016-H1", "2020-05", "0000", "0999-Q1", "2019-Q5", "2019-13" };
        return forms[rnd().nextInt(forms.length)];
    }

    static byte[] request(String method, String target, String token, Map<String, String> headers, byte[] body,
            boolean chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\nConnection: close\r\n")
                .append("Accept: ").append(method.equals("GET") && rnd().nextInt(10) == 0 ? "text/csv"
                        : "application/json, application/problem+json")
                .append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && !chunked) {
            out.writeBytes(body);
        } else if (body != null) {
            for (int at = 0; at < body.length; at += 16_384) {
                int length = Math.min(16_384, body.length - at);
                out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, length);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    // --- sending and checking ------------------------------------------------------------------

    static Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and close before the whole body is sent; read its answer.
            }
            byte[] raw = socket.getInputStream().readAllBytes();
            int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = split < 0 ? "" : new String(raw, 0, split, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.")) {
                return new Answer(0, Map.of(), new String(raw, StandardCharsets.UTF_8));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] content = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                content = dechunk(content);
            }
            String body = new String(content, StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
        }
    }

    static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (at < chunked.length) {
            int end = indexOf(chunked, crlf, at);
            if (end < 0) {
                break;
            }
            int size = Integer.parseInt(new String(chunked, at, end - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, end + 2, Math.min(size, chunked.length - end - 2));
            at = end + 2 + size + 2;
        }
        return body.toByteArray();
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void check(Operation operation, byte[] request, Figures figures) {
        Answer answer;
        try {
            answer = exchange(request);
        } catch (IOException e) {
            synchronized (figures) {
                figures.requests++;
                figures.nonProblem++;
            }
            figures.finding(operation.id() + ": no answer (" + e.getMessage() + ")");
            return;
        }
        synchronized (figures) {
            tally(operation, answer, figures);
        }
    }

    static void tally(Operation operation, Answer answer, Figures figures) {
        figures.requests++;
        String status = String.valueOf(answer.status());
        String type = answer.headers().getOrDefault("content-type", "");
        if (answer.status() >= 400 && answer.body().isEmpty() && !answer.headers().containsKey("x-request-id")) {
            // Refused by Netty or Quarkus before any route: no body, no request id.
            figures.refusedWithoutBody++;
            figures.finding("refused before any route: " + status);
            return;
        }
        if (answer.status() >= 500 || answer.status() == 0) {
            figures.serverErrors++;
            figures.finding(operation.id() + ": " + status);
        }
        if (!operation.statuses().contains(status) && !operation.statuses().contains("default")) {
            figures.undeclared++;
            figures.finding(operation.id() + ": undeclared " + status);
        }
        if (answer.status() >= 400 && !type.startsWith("application/problem+json")) {
            figures.nonProblem++;
            figures.finding(operation.id() + ": " + status + " as '" + type + "'");
        }
        if (INTERNAL.matcher(answer.body()).find()) {
            figures.internals++;
            figures.finding(operation.id() + ": internals in a " + status);
        }
    }
}
