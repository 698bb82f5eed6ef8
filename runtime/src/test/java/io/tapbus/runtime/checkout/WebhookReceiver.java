package io.tapbus.runtime.checkout;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's webhook endpoint on loopback (JDK HttpServer): it checks each delivery's signature itself (HMAC-SHA256
 * of timestamp "." body under the secret, compared in constant time), answers 500 to the first {@code failFirst}
 * deliveries (or to all), 401 to a bad signature, and keeps what it received.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. */
    record Received(long atMillis, String id, String timestamp, String signature, String body, boolean signatureValid, int answered) {}

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile String secret;

    WebhookReceiver(int failFirst) throws IOException {
        failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = exchange.getRequestHeaders().getFirst("TapBus-Webhook-Timestamp");
            String sig = exchange.getRequestHeaders().getFirst("TapBus-Webhook-Signature");
            boolean valid = secret != null && ts != null && sig != null
                    && MessageDigest.isEqual(expected(secret, ts, body).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
            int status = !valid ? 401 : failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            received.add(new Received(System.currentTimeMillis(), exchange.getRequestHeaders().getFirst("TapBus-Webhook-Id"), ts, sig, body,
                    valid, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    static String expected(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
