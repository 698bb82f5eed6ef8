package io.tapbus.samples.mmsc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tapbus.connector.phone.mm7.DeliveryReport;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.Mm7Status;
import io.tapbus.connector.phone.mm7.Mm7Writer;
import io.tapbus.connector.phone.mm7.Multipart;
import io.tapbus.connector.phone.mm7.ReceivedMms;
import io.tapbus.connector.phone.mm7.ReceivedSubmit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The MMSC: an HTTP server on 127.0.0.1 at {@code /mm7}. A SubmitReq with the right Basic credentials is stored and
 * answered SubmitRsp with a new message id, then reported on (one DeliveryReportReq per recipient) when a report URL
 * is set and the VASP asked for reports. Wrong credentials get HTTP 401 with RSErrorRsp 4001; a request that is not
 * MM7 gets 500 with 2007 (message format corrupt), another MM7 operation 4003 (unsupported operation); a drawn
 * failure gets 500 with the configured fault.
 */
public final class MmscSimulator implements AutoCloseable {

    static final int MAX_REQUEST = 2 * 1024 * 1024;

    /** One accepted submit: the message id given and the folder its parts are in. */
    public record Accepted(String messageId, ReceivedSubmit submit, Path folder) {
    }

    private final SimulatorOptions options;
    private final Consumer<String> log;
    private final MessageStore store;
    private final byte[] expectedAuthorization;
    private final Random draw;
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reports"));
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> daemon(r, "mmsc-sim"));
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ReportSender reports;
    private HttpServer server;

    public MmscSimulator(SimulatorOptions options, Consumer<String> log) throws IOException {
        this.options = options;
        this.log = log;
        this.store = new MessageStore(options.store());
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        this.draw = new Random(options.seed());
        this.reports = options.reportUrl() == null ? null : new ReportSender(options.reportUrl(),
                options.reportUser(), options.reportPassword(), timer, log);
    }

    public MmscSimulator start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 50);
        server.setExecutor(workers);
        server.createContext("/mm7", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path storeFolder() {
        return store.root();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** The delivery reports sent so far and what the VASP answered; empty without a report URL. */
    public List<ReportSender.Outcome> reportOutcomes() {
        return reports == null ? List.of() : reports.outcomes();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null
                    || !MessageDigest.isEqual(expectedAuthorization, auth.strip().getBytes(StandardCharsets.UTF_8))) {
                log.accept("submit refused: wrong or missing credentials (4001)");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mmsc-sim\"");
                answer(exchange, 401, Mm7Writer.rsErrorFault(null, Mm7Status.of(4001)));
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST + 1);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            switch (options.mode()) {
                case DROP -> {
                    // no response headers sent: closing the exchange closes the connection
                    log.accept("submit dropped: connection closed without an answer (--mode drop)");
                    return;
                }
                case SILENT -> {
                    log.accept("submit taken, never answered (--mode silent)");
                    closed.await();
                    return;
                }
                case GARBAGE -> {
                    log.accept("submit answered with a body that is not SOAP (--mode garbage)");
                    answer(exchange, 200, "<html><body>MMSC says hello</body>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case ANSWER -> submit(exchange, contentType == null ? "text/xml" : contentType, body);
            }
        } catch (Mm7Exception e) {
            log.accept("answer not written: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(HttpExchange exchange, String contentType, byte[] body) throws IOException, Mm7Exception {
        if (body.length > MAX_REQUEST) {
            log.accept("submit refused: larger than " + MAX_REQUEST + " bytes (2004)");
            answer(exchange, 500, Mm7Writer.rsErrorFault(null, Mm7Status.of(2004)));
            return;
        }
        ReceivedMms mms;
        try {
            mms = ReceivedMms.read(contentType, body);
        } catch (Mm7Exception e) {
            int code = e.problem() == Mm7Exception.Problem.UNSUPPORTED_OPERATION ? 4003 : 2007;
            log.accept("submit refused: " + e.getMessage() + " (" + code + ")");
            answer(exchange, 500, Mm7Writer.rsErrorFault(null, Mm7Status.of(code)));
            return;
        }
        ReceivedSubmit submit = mms.submit();
        if (failsThisTime()) {
            Mm7Status fault = Mm7Status.of(options.fault());
            log.accept("submit " + submit.transactionId() + " answered with fault " + fault);
            answer(exchange, 500, Mm7Writer.rsErrorFault(submit.transactionId(), fault));
            return;
        }
        String messageId = "MMSC" + String.format("%08d", nextId.getAndIncrement());
        Path folder = store.write(messageId, envelopeOf(contentType, body), mms);
        accepted.add(new Accepted(messageId, submit, folder));
        log.accept("submit " + submit.transactionId() + ": " + submit.to().size() + " recipient(s), "
                + mms.parts().size() + " part(s) -> " + messageId + " in " + folder);
        answer(exchange, 200, Mm7Writer.submitRsp(submit.transactionId(), messageId));
        if (reports != null && submit.deliveryReport()) {
            int n = 0;
            for (String to : submit.to()) {
                n++;
                reports.schedule(new DeliveryReport("dr-" + messageId + "-" + n, messageId, to, submit.vaspId(),
                        OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        options.reportStatus(), options.reportStatus().wire()), options.reportDelayMillis());
            }
        }
    }

    private synchronized boolean failsThisTime() {
        return options.failRate() > 0 && draw.nextDouble() < options.failRate();
    }

    private static byte[] envelopeOf(String contentType, byte[] body) throws Mm7Exception {
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Multipart.root(contentType, Multipart.parse(contentType, body)).content();
        }
        return body;
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=\"utf-8\"");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        closed.countDown();
        if (server != null) {
            server.stop(0);
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
