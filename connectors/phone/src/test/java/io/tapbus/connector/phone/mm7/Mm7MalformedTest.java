package io.tapbus.connector.phone.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, one case each: a specific problem and a message without content. */
class Mm7MalformedTest {

    static final String ENV = "<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body>";
    static final String END = "</env:Body></env:Envelope>";
    static final String NS = " xmlns=\"" + Mm7Xml.MM7_NS + "\"";

    static Mm7Exception answerError(String xml) {
        try {
            Mm7Reader.submitResponse(xml.getBytes(StandardCharsets.UTF_8));
        } catch (Mm7Exception e) {
            return e;
        }
        throw new AssertionError("accepted: " + xml);
    }

    @Test
    void notXml() {
        Mm7Exception e = answerError("<html><body>502 Bad Gateway");
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
        assertThat(e.getMessage()).startsWith("not well-formed XML").doesNotContain("Bad Gateway");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>" + ENV
                + "<SubmitRsp" + NS + "><MM7Version>6.8.0</MM7Version><Status><StatusCode>1000</StatusCode></Status>"
                + "<MessageID>&x;</MessageID></SubmitRsp>" + END;
        Mm7Exception e = answerError(xxe);
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
        assertThat(e.getMessage()).doesNotContain("TOPSECRET");
    }

    @Test
    void notASoapEnvelope() {
        assertThat(answerError("<SubmitRsp" + NS + "/>").getMessage()).contains("not a SOAP 1.1 Envelope");
    }

    @Test
    void anotherMm7OperationInstead() {
        Mm7Exception e = answerError(ENV + "<CancelRsp" + NS + "><Status><StatusCode>1000</StatusCode></Status>"
                + "</CancelRsp>" + END);
        assertThat(e.problem()).isEqualTo(Problem.MALFORMED_ANSWER);
        assertThat(e.getMessage()).contains("expected SubmitRsp").contains("CancelRsp");
    }

    @Test
    void anEmptyBodyAndTwoElements() {
        assertThat(answerError(ENV + END).getMessage()).contains("holds 0 elements");
        assertThat(answerError(ENV + "<a" + NS + "/><b" + NS + "/>" + END).getMessage()).contains("holds 2 elements");
    }

    @Test
    void anElementOutsideTheMm7Namespace() {
        assertThat(answerError(ENV + "<SubmitRsp xmlns=\"urn:other\"/>" + END).getMessage())
                .contains("outside the MM7 namespace");
    }

    @Test
    void noStatusOrAStatusThatIsNotANumber() {
        assertThat(answerError(ENV + "<SubmitRsp" + NS + "><MessageID>1</MessageID></SubmitRsp>" + END).getMessage())
                .contains("no Status/StatusCode");
        assertThat(answerError(ENV + "<SubmitRsp" + NS + "><Status><StatusCode>OK</StatusCode></Status></SubmitRsp>"
                + END).getMessage()).contains("not a number");
    }

    @Test
    void successWithoutAMessageId() {
        assertThat(answerError(ENV + "<SubmitRsp" + NS + "><Status><StatusCode>1000</StatusCode></Status>"
                + "</SubmitRsp>" + END).getMessage()).contains("has no MessageID");
    }

    @Test
    void aFailedSubmitRspIsAFaultAnd4001IsUnauthorized() {
        Mm7Exception refused = answerError(ENV + "<SubmitRsp" + NS + "><Status><StatusCode>4007</StatusCode>"
                + "</Status></SubmitRsp>" + END);
        assertThat(refused.problem()).isEqualTo(Problem.FAULT);
        assertThat(refused.status().meaning()).isEqualTo("Service denied");
        Mm7Exception auth = answerError(new String(bytes(() -> Mm7Writer.rsErrorFault("t", Mm7Status.of(4001))),
                StandardCharsets.UTF_8));
        assertThat(auth.problem()).isEqualTo(Problem.UNAUTHORIZED);
    }

    @Test
    void temporaryStatusesAreRetryableAndOthersNot() {
        for (int code : new int[] {3000, 3001, 4000, 4005, 4006}) {
            assertThat(answerError(new String(bytes(() -> Mm7Writer.rsErrorFault("t", Mm7Status.of(code))),
                    StandardCharsets.UTF_8)).retryable()).as("%d", code).isTrue();
        }
        for (int code : new int[] {2000, 2002, 2004, 3002, 4002, 4004, 4007}) {
            assertThat(answerError(new String(bytes(() -> Mm7Writer.rsErrorFault("t", Mm7Status.of(code))),
                    StandardCharsets.UTF_8)).retryable()).as("%d", code).isFalse();
        }
        assertThat(Mm7Status.of(3000).kind()).isEqualTo(Mm7Status.Kind.SERVER_ERROR);
        assertThat(Mm7Status.of(4999).meaning()).isEqualTo("unlisted status");
    }

    @Test
    void aFaultWithoutAnMm7Status() {
        Mm7Exception e = answerError(ENV + "<env:Fault><faultcode>env:Server</faultcode><faultstring>x</faultstring>"
                + "</env:Fault>" + END);
        assertThat(e.problem()).isEqualTo(Problem.FAULT);
        assertThat(e.status()).isNull();
        assertThat(e.getMessage()).contains("env:Server without an MM7 status");
    }

    @Test
    void aDeliveryReportWithAnUnknownStateOrNoRecipient() {
        String base = ENV + "<DeliveryReportReq" + NS + "><MessageID>m1</MessageID>%s<MMStatus>%s</MMStatus>"
                + "</DeliveryReportReq>" + END;
        assertThatThrownBy(() -> Mm7Reader.deliveryReport(String.format(base,
                "<Recipient><Number>8613800138000</Number></Recipient>", "Lost").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Mm7Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("MMStatus the schema does not list").doesNotContain("Lost");
                });
        assertThatThrownBy(() -> Mm7Reader.deliveryReport(String.format(base, "", "Retrieved")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no Recipient");
    }

    @Test
    void aRecipientThatIsNotE164() {
        SubmitRequest request = new SubmitRequest("t", List.of("013800138000"), "s",
                List.of(new MmsPart("x", "text/plain", new byte[] {'x'})), true);
        assertThatThrownBy(() -> SubmitMessage.compose(Mm7GoldenTest.annexLAccount(null), request))
                .isInstanceOfSatisfying(Mm7Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.BAD_REQUEST);
                    assertThat(e.getMessage()).doesNotContain("013800138000");
                });
    }

    @Test
    void multipartBodiesThatLie() {
        String ct = "multipart/related; boundary=\"b\"";
        assertThatThrownBy(() -> Multipart.parse(ct, "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n".getBytes()))
                .hasMessageContaining("without its closing delimiter");
        assertThatThrownBy(() -> Multipart.parse("text/xml", new byte[0])).hasMessageContaining("boundary");
        assertThatThrownBy(() -> Multipart.parse(ct, "--b--\r\n".getBytes())).hasMessageContaining("without parts");
        assertThatThrownBy(() -> Multipart.parse(ct, "--b\r\nno colon here\r\n\r\nx\r\n--b--".getBytes()))
                .hasMessageContaining("without a name");
        assertThatThrownBy(() -> Multipart.root(ct + "; start=\"<nope>\"", List.of(new MimePart(
                java.util.Map.of("content-id", "<a>"), new byte[0])))).hasMessageContaining("start parameter");
        MimePart badBase64 = new MimePart(java.util.Map.of("content-transfer-encoding", "base64"), "QUJD=".getBytes());
        assertThatThrownBy(badBase64::content).hasMessageContaining("base64 body does not decode");
        MimePart qp = new MimePart(java.util.Map.of("content-transfer-encoding", "x-uuencode"), "a".getBytes());
        assertThatThrownBy(qp::content).hasMessageContaining("unsupported Content-Transfer-Encoding");
    }

    @Test
    void aSubmitWhoseHrefNamesNoPart() {
        byte[] envelope = bytes(() -> Mm7Writer.submitReq(Mm7GoldenTest.annexLAccount(null), new SubmitRequest("t",
                List.of("+8613800138000"), "s", List.of(new MmsPart("x", "text/plain", new byte[] {'x'})), true),
                "missing"));
        byte[] body = Multipart.write("b", List.of(new MimePart(java.util.Map.of("content-type", "text/xml"),
                envelope), new MimePart(java.util.Map.of("content-id", "<other>"), "x".getBytes())));
        assertThatThrownBy(() -> ReceivedMms.read("multipart/related; boundary=b", body))
                .hasMessageContaining("Content href names");
    }

    interface Bytes {
        byte[] get() throws Exception;
    }

    static byte[] bytes(Bytes b) {
        try {
            return b.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
