package io.tapbus.connector.phone.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import io.tapbus.connector.phone.mm7.ScriptedHttpPeer.Action;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's answers to every way an exchange fails, against a scripted peer on a loopback socket (the MMSC
 * simulator's own faults are tested in samples/mmsc-simulator). Each ends in its specific problem, never a hang.
 */
class Mm7ClientFailureTest {

    static Mm7Client client(int port, long timeoutMs) {
        return new Mm7Client(new Mm7Account(URI.create("http://127.0.0.1:" + port + "/mm7"), "tapbus",
                "demo-secret", "TAPBUS", "tickets", "ticket-mms", null, Duration.ofSeconds(1),
                Duration.ofMillis(timeoutMs)));
    }

    static SubmitRequest ticket(String transactionId) {
        return TicketMms.submit(transactionId, "+8613800138000", "Your ticket", "Seat 07A", "TB1|T-1");
    }

    static Mm7Exception failure(ScriptedHttpPeer peer, long timeoutMs) {
        try {
            client(peer.port(), timeoutMs).submit(ticket("tb-1"));
        } catch (Mm7Exception e) {
            return e;
        }
        throw new AssertionError("the submit succeeded");
    }

    @Test
    void theRequestIsABasicAuthenticatedSoapWithAttachmentsPost() throws Exception {
        String ok = ScriptedHttpPeer.http(200, "text/xml; charset=utf-8",
                new String(Mm7Writer.submitRsp("tb-1", "MSG-1"), StandardCharsets.UTF_8));
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER, ok)) {
            SubmitResult result = client(peer.port(), 2000).submit(ticket("tb-1"));
            assertThat(result.messageId()).isEqualTo("MSG-1");
            String head = peer.requestHead.get(2, TimeUnit.SECONDS);
            assertThat(head).startsWith("POST /mm7 HTTP/1.1\r\n");
            assertThat(head).containsIgnoringCase("authorization: Basic "
                    + Base64.getEncoder().encodeToString("tapbus:demo-secret".getBytes(StandardCharsets.UTF_8)));
            assertThat(head).containsIgnoringCase("soapaction: \"\"");
            assertThat(head).containsIgnoringCase("content-type: multipart/related; boundary=");
            ReceivedMms mms = ReceivedMms.read(contentType(head), peer.requestBody.get(2, TimeUnit.SECONDS));
            assertThat(mms.submit().vaspId()).isEqualTo("TAPBUS");
            assertThat(mms.submit().serviceCode()).isEqualTo("ticket-mms");
            assertThat(QrDecoding.decode(mms.parts().get(2).content())).isEqualTo("TB1|T-1");
        }
    }

    @Test
    void aClosedPortIsUnreachableAndSafeToRetry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> client(port, 1000).submit(ticket("tb-1")))
                .isInstanceOfSatisfying(Mm7Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                });
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcome() throws Exception {
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.SILENCE, null)) {
            long start = System.nanoTime();
            Mm7Exception e = failure(peer, 500);
            assertThat(e.problem()).isEqualTo(Problem.NO_ANSWER);
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.retryable()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectionCutAfterTheRequestIsAnUnknownOutcome() throws Exception {
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.CLOSE, null)) {
            assertThat(failure(peer, 2000).problem()).isEqualTo(Problem.NO_ANSWER);
        }
    }

    @Test
    void http401IsUnauthorized() throws Exception {
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER,
                ScriptedHttpPeer.http(401, "text/plain", "no"))) {
            Mm7Exception e = failure(peer, 2000);
            assertThat(e.problem()).isEqualTo(Problem.UNAUTHORIZED);
            assertThat(e.getMessage()).contains("tapbus").doesNotContain("demo-secret");
        }
    }

    @Test
    void aProxysHtmlErrorPageIsAnHttpError() throws Exception {
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER,
                ScriptedHttpPeer.http(502, "text/html", "<html><body>Bad Gateway</body></html>"))) {
            Mm7Exception e = failure(peer, 2000);
            assertThat(e.problem()).isEqualTo(Problem.HTTP_ERROR);
            assertThat(e.getMessage()).startsWith("HTTP 502 without an MM7 answer");
        }
    }

    @Test
    void aMalformedSoapAnswerIsMalformed() throws Exception {
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER, ScriptedHttpPeer.http(200, "text/xml",
                "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><SubmitRsp>"))) {
            Mm7Exception e = failure(peer, 2000);
            assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
            assertThat(e.getMessage()).contains("not well-formed XML");
        }
    }

    @Test
    void aFaultWithHttp500IsTheMm7Status() throws Exception {
        String fault = new String(Mm7Writer.rsErrorFault("tb-1", Mm7Status.of(4006)), StandardCharsets.UTF_8);
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER,
                ScriptedHttpPeer.http(500, "text/xml", fault))) {
            Mm7Exception e = failure(peer, 2000);
            assertThat(e.problem()).isEqualTo(Problem.FAULT);
            assertThat(e.status().code()).isEqualTo(4006);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void anAnswerForAnotherTransactionIsRefused() throws Exception {
        String other = new String(Mm7Writer.submitRsp("tb-999", "MSG-9"), StandardCharsets.UTF_8);
        try (ScriptedHttpPeer peer = new ScriptedHttpPeer(Action.ANSWER,
                ScriptedHttpPeer.http(200, "text/xml", other))) {
            Mm7Exception e = failure(peer, 2000);
            assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
            assertThat(e.getMessage()).contains("tb-999").contains("tb-1");
        }
    }

    private static String contentType(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-type:", 0, 13)) {
                return line.substring(13).strip();
            }
        }
        throw new AssertionError("no Content-Type");
    }
}
