package io.tapbus.connector.phone.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery report endpoint over real HTTP on loopback, posted to by the JDK's HTTP client. */
class DeliveryReportReceiverTest {

    final List<DeliveryReport> taken = new CopyOnWriteArrayList<>();
    final AtomicBoolean storeDown = new AtomicBoolean();
    DeliveryReportReceiver receiver;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        receiver = new DeliveryReportReceiver("127.0.0.1", 0, "/mm7/reports", "mmsc", "demo-report-secret", r -> {
            if (storeDown.get()) {
                throw new IllegalStateException("store down");
            }
            taken.add(r);
        });
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    HttpResponse<byte[]> post(byte[] body, String contentType, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port()
                + "/mm7/reports")).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(byte[] body) throws Exception {
        return post(body, "text/xml; charset=utf-8", "mmsc", "demo-report-secret");
    }

    static int vaspErrorStatus(byte[] answer) {
        try {
            Mm7Reader.deliveryReportResponse(answer);
        } catch (Mm7Exception e) {
            return e.status().code();
        }
        throw new AssertionError("not an error answer");
    }

    @Test
    void aPublishedDeliveryReportIsTakenAndAnswered1000() throws Exception {
        HttpResponse<byte[]> answer = post(XmlShape.resource("sinch-delivery-report-req.xml"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Mm7Reader.deliveryReportResponse(answer.body()).code()).isEqualTo(1000);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains(">10000001</mm7:TransactionID>");
        assertThat(taken).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("369500617770864640");
            assertThat(r.status()).isEqualTo(MmStatus.RETRIEVED);
        });
    }

    @Test
    void aReportInAMultipartBodyIsTakenToo() throws Exception {
        byte[] envelope = XmlShape.resource("sinch-delivery-report-req.xml");
        byte[] body = Multipart.write("r", List.of(new MimePart(java.util.Map.of("content-type", "text/xml"),
                envelope)));
        assertThat(post(body, "multipart/related; boundary=r; type=text/xml", "mmsc", "demo-report-secret")
                .statusCode()).isEqualTo(200);
        assertThat(taken).hasSize(1);
    }

    @Test
    void wrongCredentialsGet401And4001() throws Exception {
        HttpResponse<byte[]> answer = post(XmlShape.resource("sinch-delivery-report-req.xml"), "text/xml", "mmsc",
                "guess");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(vaspErrorStatus(answer.body())).isEqualTo(4001);
        assertThat(post(XmlShape.resource("sinch-delivery-report-req.xml"), "text/xml", null, null).statusCode())
                .isEqualTo(401);
        assertThat(taken).isEmpty();
    }

    @Test
    void garbageGets2007() throws Exception {
        HttpResponse<byte[]> answer = post("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(vaspErrorStatus(answer.body())).isEqualTo(2007);
        assertThat(vaspErrorStatus(post(new byte[DeliveryReportReceiver.MAX_REQUEST + 1]).body())).isEqualTo(2007);
    }

    @Test
    void anotherOperationGets4003() throws Exception {
        byte[] submit = Mm7Writer.submitRsp("t", "m"); // a well-formed MM7 message, not a delivery report
        assertThat(vaspErrorStatus(post(submit).body())).isEqualTo(4003);
    }

    @Test
    void aListenerThatFailsGets3000SoTheMmscSendsAgain() throws Exception {
        storeDown.set(true);
        HttpResponse<byte[]> answer = post(XmlShape.resource("sinch-delivery-report-req.xml"));
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(vaspErrorStatus(answer.body())).isEqualTo(3000);
        storeDown.set(false);
        assertThat(post(XmlShape.resource("sinch-delivery-report-req.xml")).statusCode()).isEqualTo(200);
        assertThat(taken).hasSize(1);
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + receiver.port() + "/mm7/reports")).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThatThrownBy(() -> Mm7Reader.deliveryReportResponse(new byte[0])).isInstanceOf(Mm7Exception.class);
    }
}
