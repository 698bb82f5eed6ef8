package io.tapbus.connector.phone.mm7;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VASP side of MM7 delivery reports: an HTTP endpoint (the JDK's built-in server) where the MMSC posts
 * DeliveryReportReq. A report the listener took is answered DeliveryReportRsp 1000. A request that is not MM7 gets a
 * SOAP Fault with VASPErrorRsp: 2007 (message format corrupt), 4003 (another MM7 operation), 4001 (wrong credentials,
 * with HTTP 401); a listener failure gets 3000 (server error), so the MMSC tries again. Bodies are limited in size.
 */
public final class DeliveryReportReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReportReceiver.class);
    static final int MAX_REQUEST = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DeliveryReportListener listener;
    private final byte[] expectedAuthorization;

    /**
     * Listens on {@code host:port} (0 picks a free port) at {@code path}. With {@code username} non-null, requests
     * must carry those Basic credentials.
     */
    public DeliveryReportReceiver(String host, int port, String path, String username, String password,
            DeliveryReportListener listener) throws IOException {
        this.listener = listener;
        this.expectedAuthorization = username == null ? null : ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mm7-delivery-reports");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(path, this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (expectedAuthorization != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                LOG.warn("MM7 delivery report refused: wrong or missing credentials");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"tapbus-mm7\"");
                answer(exchange, 401, Mm7Writer.vaspErrorFault(null, Mm7Status.of(4001)));
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                answer(exchange, 500, Mm7Writer.vaspErrorFault(null, Mm7Status.of(2007)));
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            respond(exchange, contentType == null ? "text/xml" : contentType, body);
        } catch (Mm7Exception e) {
            LOG.warn("MM7 delivery report: the answer could not be written: {}", e.getMessage());
        }
    }

    private void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException, Mm7Exception {
        DeliveryReport report;
        try {
            report = Mm7Reader.deliveryReport(Mm7Client.soapPart(contentType, body));
        } catch (Mm7Exception e) {
            boolean otherOperation = e.problem() == Problem.UNSUPPORTED_OPERATION;
            LOG.warn("MM7 delivery report refused: {} {}", e.problem(), e.getMessage());
            answer(exchange, 500, Mm7Writer.vaspErrorFault(null, Mm7Status.of(otherOperation ? 4003 : 2007)));
            return;
        }
        try {
            listener.onReport(report);
        } catch (Exception e) {
            LOG.warn("MM7 delivery report {} not taken ({}); answered 3000 so the MMSC sends it again", report,
                    e.getClass().getSimpleName());
            answer(exchange, 500, Mm7Writer.vaspErrorFault(report.transactionId(), Mm7Status.of(3000)));
            return;
        }
        LOG.info("MM7 {}", report);
        answer(exchange, 200, Mm7Writer.deliveryReportRsp(report.transactionId(), Mm7Status.of(Mm7Status.SUCCESS)));
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(expectedAuthorization,
                header.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or null when it is larger than {@link #MAX_REQUEST}. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST + 1);
        return body.length > MAX_REQUEST ? null : body;
    }

    private static void answer(HttpExchange exchange, int status, byte[] xml) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=\"utf-8\"");
        exchange.sendResponseHeaders(status, xml.length);
        exchange.getResponseBody().write(xml);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
