package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/tapbus rules replay}: sends a candidate rule folder to the running bus's replay API, follows the
 * replay's progress and prints its summary.
 *
 * <p>It talks to the running bus (with a credential of role analyst or admin) rather than reading the database or
 * an export: the recorded decisions live in the bus's database, which a running bus holds open, and the bus already
 * pages through them with bounded memory, keeps the replay apart from its serving rules, and checks who may see them.
 */
public final class ReplayCommand {
    public static final String USAGE = """
            usage: bin/tapbus rules replay --candidate DIR --since WHEN [--until WHEN] [--decision NAME]
                                           [--bus URL] [--token-file FILE]
              Replays the facts of the decisions a running bus recorded in a period through a candidate rule set and
              prints what would change (docs/analyst-guide.md, "What-if replay"). Nothing is changed.
              --candidate DIR   a folder in the layout of rules/decisions (e.g. a copy with one limit changed);
                                its rule files are uploaded, scenarios are not
              --since WHEN      start of the period: 2026-03-14T09:00:00Z, a day 2026-03-14 (UTC), or 30m, 24h, 7d ago
              --until WHEN      end of the period (default now)
              --decision NAME   replay only this decision (e.g. tap-authorize)
              --bus URL         the bus's HTTP address (default $TAPBUS_URL, else http://127.0.0.1:8080)
              --token-file FILE a file holding a credential of role analyst or admin (default: $TAPBUS_TOKEN);
                                on the embedded default, config/demo-keys/admin-api-key.txt
              Exit 0 when the replay finished, 1 when it failed or the bus could not be reached, 2 for bad options or
              a candidate that does not build (its problems are listed; nothing is replayed).
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream out;
    private final PrintStream err;

    public ReplayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @param options the options after {@code rules replay}, by name without the dashes */
    public int run(Map<String, String> options, Map<String, String> env) throws InterruptedException {
        try {
            Path candidate = Path.of(required(options, "candidate"));
            if (!Files.isDirectory(candidate)) {
                throw new IllegalArgumentException("--candidate " + candidate + " is not a folder");
            }
            String bus = options.getOrDefault("bus", env.getOrDefault("TAPBUS_URL", "http://127.0.0.1:8080")).replaceAll("/+$", "");
            String token = options.containsKey("token-file")
                    ? Files.readString(Path.of(options.get("token-file")), StandardCharsets.US_ASCII).strip()
                    : env.get("TAPBUS_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("no credential: give --token-file FILE or set TAPBUS_TOKEN");
            }
            ObjectNode request = JSON.createObjectNode();
            request.put("since", when(required(options, "since")).toString());
            if (options.containsKey("until")) {
                request.put("until", when(options.get("until")).toString());
            }
            if (options.containsKey("decision")) {
                request.put("decision", options.get("decision"));
            }
            request.set("files", files(candidate, options.get("decision")));
            return replay(bus, token, request, candidate.toString());
        } catch (IllegalArgumentException e) {
            err.println("tapbus rules replay: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("tapbus rules replay: " + e);
            return 1;
        }
    }

    private int replay(String bus, String token, ObjectNode request, String candidate) throws IOException, InterruptedException {
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(bus + "/api/admin/rules/replay"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))), token);
        JsonNode body = JSON.readTree(started.body().isEmpty() ? "{}" : started.body());
        if (started.statusCode() == 422) {
            err.println("The candidate rules do not build, nothing was replayed:");
            body.path("problems").forEach(p -> err.println("  " + (p.path("line").asInt() > 0
                    ? p.path("file").asText() + ":" + p.path("line").asInt() + ": " : p.path("file").asText() + ": ")
                    + p.path("message").asText()));
            return 2;
        }
        if (started.statusCode() != 202) {
            err.println("tapbus rules replay: the bus answered " + started.statusCode() + ": " + body.path("detail").asText(started.body()));
            return started.statusCode() == 400 ? 2 : 1;
        }
        String url = bus + "/api/admin/rules/replay/" + body.path("jobId").asText();
        JsonNode job = body;
        long lastShown = -1;
        while (!job.path("state").asText().equals("DONE") && !job.path("state").asText().equals("FAILED")) {
            Thread.sleep(500);
            job = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "?limit=0")).GET(), token).body());
            if (job.path("processed").asLong() != lastShown && job.path("total").isNumber()) {
                lastShown = job.path("processed").asLong();
                err.printf(Locale.ROOT, "replaying: %,d of %,d decisions%n", lastShown, job.path("total").asLong());
            }
        }
        job = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "?changedFrom=0&limit=20")).GET(), token).body());
        out.print(ReplayReport.format(job, candidate, bus));
        return job.path("state").asText().equals("DONE") ? 0 : 1;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The rule files of the candidate's decision folders (scenarios and hidden files left out). */
    static ArrayNode files(Path candidate, String decision) throws IOException {
        ArrayNode files = JSON.createArrayNode();
        try (Stream<Path> walk = Files.walk(candidate)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                Path relative = candidate.relativize(file);
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean rules = name.endsWith(".drl") || name.endsWith(".csv") || name.endsWith(".xls") || name.endsWith(".xlsx");
                boolean skipped = relative.getNameCount() < 2 || (relative.getNameCount() > 2 && relative.getName(1).toString().equals("scenarios"))
                        || relative.toString().contains("/.") || relative.toString().startsWith(".")
                        || (decision != null && !relative.getName(0).toString().equals(decision));
                if (!rules || skipped) {
                    continue;
                }
                ObjectNode f = files.addObject().put("path", relative.toString().replace('\\', '/'));
                if (name.endsWith(".drl") || name.endsWith(".csv")) {
                    f.put("content", Files.readString(file, StandardCharsets.UTF_8));
                } else {
                    f.put("contentBase64", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no rule files (.drl, .csv, .xls, .xlsx) in decision folders under " + candidate
                    + (decision == null ? "" : " for " + decision));
        }
        return files;
    }

    /** An instant, a day (its start in UTC), or a time ago: 30m, 24h, 7d. */
    static Instant when(String text) {
        try {
            if (text.matches("\\d+[mhd]")) {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                Duration ago = switch (text.charAt(text.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return Instant.now().minus(ago);
            }
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: 2026-03-14T09:00:00Z, 2026-03-14, or 30m, 24h, 7d");
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Parses {@code --name value} pairs of the known options. */
    public static Map<String, String> options(List<String> args) {
        List<String> known = List.of("candidate", "since", "until", "decision", "bus", "token-file");
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String a = args.get(i);
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            options.put(a.substring(2), args.get(i + 1));
        }
        return options;
    }
}
