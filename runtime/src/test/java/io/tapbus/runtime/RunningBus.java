package io.tapbus.runtime;

import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * A real TapBus started for a test class: the application from the repository's own config, routes
 * and rules, on free loopback ports, with its own data folder (H2 database and Artemis journal).
 */
public final class RunningBus implements AutoCloseable {
    public static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    /** Every REST exchange a test makes is held to the OpenAPI document (the bus's own, on another home). */
    public static final io.tapbus.runtime.api.ApiContract CONTRACT =
            io.tapbus.runtime.api.ApiContract.of(HOME.resolve(io.tapbus.runtime.api.ApiDocument.FILE));
    private final io.tapbus.runtime.api.ApiContract contract;

    public final int readerPort = freePort();
    public final int httpPort = freePort();
    public final int managementPort = freePort();
    public final int brokerPort = freePort();
    public final int amqpPort = freePort();
    public final int posPort = freePort();
    public final Path dataDir;
    private final TapBusApplication app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RunningBus(Map<String, String> extra) throws Exception {
        this(HOME, extra);
    }

    /** A bus on another home folder (a copy of config/, routes/ and rules/ that a test may edit). */
    public RunningBus(Path home, Map<String, String> extra) throws Exception {
        dataDir = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tapbus.data.dir", dataDir.toString());
        overrides.put("tapbus.reader.port", String.valueOf(readerPort));
        overrides.put("camel.server.port", String.valueOf(httpPort));
        overrides.put("camel.management.port", String.valueOf(managementPort));
        overrides.put("tapbus.broker.acceptor", "tcp://127.0.0.1:" + brokerPort + "?protocols=CORE");
        overrides.put("tapbus.broker.amqp-acceptor", "tcp://127.0.0.1:" + amqpPort + "?protocols=AMQP;saslMechanisms=PLAIN");
        overrides.put("tapbus.demo.bench-readers", "2");
        overrides.put("tapbus.pos.port", String.valueOf(posPort));
        overrides.put("tapbus.reader.idle-timeout-seconds", "1");
        overrides.put("camel.main.routes-reload-enabled", "false");
        // the embedded default's SMSC and MMS report ports are fixed (2775, 7711): a test bus gets its own, so that
        // it neither binds to a simulator a person runs on this machine nor contends with another bus for 7711
        overrides.put("tapbus.smsc.local.port", String.valueOf(freePort()));
        overrides.put("tapbus.mms.reports.port", String.valueOf(freePort()));
        overrides.putAll(extra);
        Path document = home.resolve(io.tapbus.runtime.api.ApiDocument.FILE);
        contract = Files.isRegularFile(document) ? io.tapbus.runtime.api.ApiContract.of(document) : CONTRACT;
        app = new TapBusApplication(home, null, overrides).start();
    }

    public RunningBus() throws Exception {
        this(Map.of());
    }

    public TapBusApplication app() {
        return app;
    }

    public static String adminToken() throws IOException {
        return Files.readString(HOME.resolve("config/demo-keys/admin-api-key.txt"), StandardCharsets.US_ASCII).strip();
    }

    /**
     * Mints a credential of {@code partner} with the given roles (the admin key, {@code POST /partners/{id}/credentials})
     * and returns its bearer token ({@code keyId.secret}).
     */
    public String partnerToken(String partner, String... roles) throws Exception {
        String list = String.join("\",\"", roles);
        HttpResponse<String> cred = post("/partners/" + partner + "/credentials", adminToken(), "{\"roles\":[\"" + list + "\"]}");
        if (cred.statusCode() != 201) {
            throw new IllegalStateException("no credential for " + partner + ": HTTP " + cred.statusCode() + " " + cred.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(cred.body()).path("token").asText();
    }

    public static byte[] readerMasterKey() throws IOException {
        return HexFormat.of().parseHex(Files.readString(HOME.resolve("config/demo-keys/reader-master.hex")).strip());
    }

    public ReaderClient reader(String readerId) throws IOException {
        return new ReaderClient("127.0.0.1", readerPort, readerId, ReaderKeys.diversify(readerMasterKey(), readerId));
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(api(path)).GET(), token);
    }

    public HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), token);
    }

    public HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        contract.assertConforms(built, response);
        return response;
    }

    public HttpResponse<String> management(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/api" + path);
    }

    @Override
    public void close() throws Exception {
        app.stop();
    }

    /** Copies a folder tree (a test's own editable copy of config/, routes/ or rules/). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999). A port from that range can be taken meanwhile as the
     * local port of any outgoing connection, and a client that probes it while no one listens can even connect to
     * itself (TCP self-connect), so the bus then fails to bind it (RepeatedKillTest restarts on one port 21 times).
     * A port is handed out once per JVM: two calls before a bus binds must not name the same port.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + PORTS.nextInt(12_000);
            if (!GIVEN.add(port)) {
                continue; // handed out before in this JVM: its bus may not have bound it yet
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private static final java.util.Random PORTS = new java.security.SecureRandom();
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
