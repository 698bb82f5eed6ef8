package io.tapbus.samples.smsc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The control endpoint on 127.0.0.1: {@code POST /command} with one command line as the body (UTF-8) answers the
 * command's reply, 200 for "ok ...", 400 for "error: ..."; {@code GET /stats} answers the counters as JSON.
 * Each command and its reply are also printed, so the console shows what a script did.
 */
public final class ControlHttp implements AutoCloseable {

    private static final int MAX_BODY = 4096;

    private final HttpServer server;
    private final boolean quiet;

    public ControlHttp(int port, ControlCommands commands, SmscSimulator simulator, Consumer<String> out)
            throws IOException {
        this(port, commands, simulator, out, false);
    }

    /** @param quiet print only the commands that failed (a benchmark sends hundreds of {@code mo} a second) */
    public ControlHttp(int port, ControlCommands commands, SmscSimulator simulator, Consumer<String> out,
            boolean quiet) throws IOException {
        this.quiet = quiet;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> SmscSimulator.daemon(r, "smsc-control")));
        server.createContext("/command", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    reply(exchange, 405, "error: POST a command line to /command", "text/plain");
                    return;
                }
                byte[] body = read(exchange.getRequestBody());
                if (body == null) {
                    reply(exchange, 413, "error: a command is one line of at most " + MAX_BODY + " bytes", "text/plain");
                    return;
                }
                String line = new String(body, StandardCharsets.UTF_8).strip();
                String answer = commands.execute(line);
                if (!quiet || answer.startsWith("error:")) {
                    out.accept("control: " + line + " -> " + answer); // the console shows what scripts did
                }
                reply(exchange, answer.startsWith("error:") ? 400 : 200, answer, "text/plain");
            }
        });
        server.createContext("/mo-round-trips", exchange -> {
            try (exchange) {
                reply(exchange, 200, simulator.roundTripsJson(), "application/json");
            }
        });
        server.createContext("/stats", exchange -> {
            try (exchange) {
                reply(exchange, 200, simulator.statsJson(), "application/json");
            }
        });
    }

    public ControlHttp start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void reply(HttpExchange exchange, int status, String text, String type) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
