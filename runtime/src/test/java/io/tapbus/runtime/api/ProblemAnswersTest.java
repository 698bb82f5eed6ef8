package io.tapbus.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the REST API, whoever answers it (a route, or Vert.x before any route runs), is RFC 9457
 * problem+json with the type of its kind, its status and a detail without Java names; a client error is logged at
 * WARN with its reason, never at ERROR.
 */
class ProblemAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBus bus;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        admin = RunningBus.adminToken();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertProblem(() -> bus.post("/users", admin, "{\"msisdn\": "), 400, "bad-request");
    }

    @Test
    void missingCredentialIs401() throws Exception {
        assertProblem(() -> bus.get("/partners", null), 401, "unauthorized");
    }

    @Test
    void missingRoleIs403() throws Exception {
        String id = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"" + id + "\",\"name\":\"S\",\"kind\":\"MERCHANT\"}").statusCode())
                .isEqualTo(201);
        String merchant = bus.partnerToken(id, "merchant");
        assertProblem(() -> bus.get("/partners", merchant), 403, "forbidden");
    }

    @Test
    void unknownPathIs404() throws Exception {
        JsonNode problem = assertProblem(() -> bus.get("/no-such-thing/at-all", admin), 404, "not-found");
        assertThat(problem.path("detail").asText()).contains("/api/no-such-thing/at-all").contains("/api/openapi.json");
    }

    @Test
    void unknownRecordIs404() throws Exception {
        assertProblem(() -> bus.get("/cards/04FFFFFFFFFF00", admin), 404, "not-found");
    }

    @Test
    void wrongMethodIs405() throws Exception {
        JsonNode problem = assertProblem(() -> bus.send(HttpRequest.newBuilder(bus.api("/partners")).DELETE(), admin),
                405, "method-not-allowed");
        assertThat(problem.path("detail").asText()).contains("DELETE");
    }

    @Test
    void unacceptableMediaTypeIs406() throws Exception {
        assertProblem(() -> bus.send(HttpRequest.newBuilder(bus.api("/partners")).header("Accept", "text/csv").GET(), admin),
                406, "not-acceptable");
    }

    @Test
    void duplicateIs409() throws Exception {
        assertProblem(() -> bus.post("/partners", admin, "{\"partnerId\":\"demo-shop\",\"name\":\"again\",\"kind\":\"MERCHANT\"}"),
                409, "conflict");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"msisdn\":\"" + "1".repeat(70_000) + "\"}";
        JsonNode problem = assertProblem(() -> bus.post("/users", admin, big), 413, "payload-too-large");
        assertThat(problem.path("detail").asText()).contains("65536 bytes");
    }

    @Test
    void veryLongUriIs414() throws Exception {
        JsonNode problem = assertProblem(() -> bus.get("/cards/" + "A".repeat(5000), admin), 414, "uri-too-long");
        assertThat(problem.path("detail").asText()).contains("4096 bytes");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        JsonNode problem = assertProblem(() -> bus.send(HttpRequest.newBuilder(bus.api("/users")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\":\"+8613800000000\",\"name\":\"x\"}")), admin),
                415, "unsupported-media-type");
        assertThat(problem.path("detail").asText()).contains("application/json").contains("text/plain");
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        assertProblem(() -> bus.send(HttpRequest.newBuilder(bus.api("/partners")).header("X-Padding", "p".repeat(9000)).GET(), admin),
                431, "header-fields-too-large");
    }

    @Test
    void notHttpAtAllIs400() throws Exception {
        String answer = captured(() -> {
            try (Socket socket = new Socket("127.0.0.1", bus.httpPort)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/partners HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }).value();
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("https://tapbus.io/problems/bad-request");
    }

    /** Makes the call with the logs captured, and checks the answer and what was logged. */
    private static JsonNode assertProblem(Callable<HttpResponse<String>> call, int status, String kind) throws Exception {
        Captured<HttpResponse<String>> captured = captured(call);
        HttpResponse<String> response = captured.value();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://tapbus.io/problems/" + kind);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isEqualTo(kind.replace('-', ' '));
        String detail = problem.path("detail").asText();
        assertThat(detail).as("a detail a partner can act on").hasSizeGreaterThan(10)
                .doesNotContain("$").doesNotContain("io.tapbus").doesNotContain("java.").doesNotContain("Exception");
        assertThat(captured.lines()).as("logs of a client error").noneMatch(l -> l.startsWith("ERROR"))
                .anyMatch(l -> l.startsWith("WARN") && l.contains("refused: " + status));
        return problem;
    }

    record Captured<T>(T value, List<String> lines) {
    }

    private static <T> Captured<T> captured(Callable<T> call) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("problem-capture-" + UUID.randomUUID(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        logs.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
        try {
            T value = call.call();
            Thread.sleep(200); // a line logged just after the answer was written
            return new Captured<>(value, List.copyOf(lines));
        } finally {
            logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
            logs.updateLoggers();
        }
    }
}
