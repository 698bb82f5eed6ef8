package io.tapbus.samples.mmsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The simulator's faults and broken answers against TapBus's MM7 client, over HTTP on loopback: each is mapped to its
 * specific error (fault status, unauthorized, malformed answer, no answer), and no accepted submit is lost.
 */
class MmscFaultsTest extends MmscSimulatorFixture {
    @Test
    void aFaultIsMappedToItsStatus() throws Exception {
        MmscSimulator sim = simulator("--fault", "4006");
        Mm7Exception e = failure(client(sim), ticket("tb-3"));
        assertThat(e.problem()).isEqualTo(Problem.FAULT);
        assertThat(e.status().code()).isEqualTo(4006);
        assertThat(e.status().meaning()).isEqualTo("Service unavailable");
        assertThat(e.retryable()).isTrue();
        assertThat(sim.accepted()).isEmpty();
        assertThat(store).isEmptyDirectory();
    }

    @Test
    void aPermanentFaultIsNotRetryable() throws Exception {
        Mm7Exception e = failure(client(simulator("--fault", "2004")), ticket("tb-4"));
        assertThat(e.status().meaning()).isEqualTo("Multimedia content refused");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void withAFailRateEverySubmitIsAcceptedOrFailsAndNoneIsLost() throws Exception {
        MmscSimulator sim = simulator("--fail-rate", "0.5", "--fault", "3000", "--seed", "7");
        Mm7Client client = client(sim);
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            try {
                client.submit(ticket("tb-r" + i));
                ok++;
            } catch (Mm7Exception e) {
                assertThat(e.status().code()).isEqualTo(3000);
                assertThat(e.retryable()).isTrue();
                failed++;
            }
        }
        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(sim.accepted()).hasSize(ok);
        try (var folders = Files.list(store)) {
            assertThat(folders.count()).isEqualTo(ok);
        }
    }

    @Test
    void wrongCredentialsAreUnauthorized() throws Exception {
        MmscSimulator sim = simulator();
        Mm7Exception e = failure(client(sim, "guess", 3000), ticket("tb-5"));
        assertThat(e.problem()).isEqualTo(Problem.UNAUTHORIZED);
        assertThat(e.getMessage()).doesNotContain("guess");
        assertThat(sim.accepted()).isEmpty();
    }

    @Test
    void aMalformedSoapAnswerIsASpecificError() throws Exception {
        Mm7Exception e = failure(client(simulator("--mode", "garbage")), ticket("tb-6"));
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
        assertThat(e.getMessage()).contains("not well-formed XML");
    }

    @Test
    void aDroppedConnectionAndASilentMmscAreUnknownOutcomes() throws Exception {
        Mm7Exception dropped = failure(client(simulator("--mode", "drop")), ticket("tb-7"));
        assertThat(dropped.problem()).isEqualTo(Problem.NO_ANSWER);
        assertThat(dropped.outcomeUnknown()).isTrue();

        long start = System.nanoTime();
        Mm7Exception silent = failure(client(simulator("--mode", "silent"), SimulatorOptions.DEMO_PASSWORD, 500),
                ticket("tb-8"));
        assertThat(silent.problem()).isEqualTo(Problem.NO_ANSWER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRequestThatIsNotMm7GetsFault2007AndAnotherOperation4003() throws Exception {
        MmscSimulator sim = simulator();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/mm7"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("tapbus:" + SimulatorOptions.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/related; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\n\r\nnot xml\r\n--x--\r\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("RSErrorRsp").contains("<StatusCode>2007</StatusCode>");
        assertThat(log).anyMatch(l -> l.contains("(2007)"));

        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/mm7"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("tapbus:" + SimulatorOptions.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        io.tapbus.connector.phone.mm7.Mm7Writer.deliveryReportRsp("t",
                                io.tapbus.connector.phone.mm7.Mm7Status.of(1000)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(500);
        assertThat(other.body()).contains("<StatusCode>4003</StatusCode>");
        assertThat(sim.accepted()).isEmpty();
    }
}
