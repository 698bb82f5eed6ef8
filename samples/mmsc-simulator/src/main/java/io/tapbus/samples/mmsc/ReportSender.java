package io.tapbus.samples.mmsc;

import io.tapbus.connector.phone.mm7.DeliveryReport;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.Mm7Reader;
import io.tapbus.connector.phone.mm7.Mm7Status;
import io.tapbus.connector.phone.mm7.Mm7Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Posts DeliveryReportReq to the VASP after the configured delay, and again (up to {@link #ATTEMPTS} times, a
 * second apart) while the VASP does not answer DeliveryReportRsp 1000, as an MMSC does.
 */
final class ReportSender {

    static final int ATTEMPTS = 5;
    static final long RETRY_MILLIS = 1000;

    /** What became of one report: delivered (the VASP answered 1000) after some attempts, or given up. */
    record Outcome(String messageId, boolean delivered, int attempts, String last) {
    }

    private final URI url;
    private final String authorization;
    private final ScheduledExecutorService timer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Consumer<String> log;

    ReportSender(URI url, String user, String password, ScheduledExecutorService timer, Consumer<String> log) {
        this.url = url;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timer = timer;
        this.log = log;
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    void schedule(DeliveryReport report, long delayMillis) {
        timer.schedule(() -> attempt(report, 1), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void attempt(DeliveryReport report, int attempt) {
        String result;
        try {
            HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "text/xml; charset=\"utf-8\"").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Mm7Writer.deliveryReportReq(report, "tapbus-mmsc-sim")));
            if (authorization != null) {
                post.header("Authorization", authorization);
            }
            HttpResponse<byte[]> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
            Mm7Status status = Mm7Reader.deliveryReportResponse(answer.body());
            if (answer.statusCode() == 200 && status.success()) {
                outcomes.add(new Outcome(report.messageId(), true, attempt, "1000"));
                log.accept("report " + report.transactionId() + " for " + report.messageId() + ": "
                        + report.status().wire() + ", answered 1000 (attempt " + attempt + ")");
                return;
            }
            result = "HTTP " + answer.statusCode() + ", status " + status;
        } catch (Mm7Exception e) {
            result = e.status() != null ? "status " + e.status() : e.problem() + " " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            result = e.getClass().getSimpleName();
        }
        if (attempt >= ATTEMPTS) {
            outcomes.add(new Outcome(report.messageId(), false, attempt, result));
            log.accept("report " + report.transactionId() + " for " + report.messageId() + ": given up after "
                    + attempt + " attempts (" + result + ")");
            return;
        }
        log.accept("report " + report.transactionId() + ": " + result + "; again in " + RETRY_MILLIS + " ms");
        timer.schedule(() -> attempt(report, attempt + 1), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
}
