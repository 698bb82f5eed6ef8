package io.tapbus.samples.daylife;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The utility's side of docs/bills.md, played by the sample: the bill inquiry service the bus asks
 * ({@code GET <inquiryUrl>/bills/<billRef>}) on a loopback port, with the bills the scenario puts there.
 */
final class Biller implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> bills = new ConcurrentHashMap<>();

    Biller(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/city-power/bills/", exchange -> {
            try (exchange) {
                String ref = exchange.getRequestURI().getPath().substring("/city-power/bills/".length());
                String bill = bills.get(ref);
                byte[] body = (bill == null ? "{}" : bill).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(bill == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** The base URL the bus is given as the biller's inquiry URL. */
    String inquiryUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/city-power";
    }

    void owe(String billRef, long amountMinor, String dueDate) {
        bills.put(billRef, "{\"billRef\":" + Rest.q(billRef) + ",\"amountMinor\":" + amountMinor
                + ",\"currency\":\"CNY\",\"dueDate\":\"" + dueDate + "\",\"status\":\"UNPAID\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
