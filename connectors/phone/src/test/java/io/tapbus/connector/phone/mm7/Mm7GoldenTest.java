package io.tapbus.connector.phone.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * MM7 against published examples, both ways: TS 23.140 Annex L's MM7_submit.REQ and MM7_submit.RES, and Sinch's
 * published DeliveryReportReq/Rsp (see the README beside the golden files). Reading: every field of the published
 * message. Writing: what we compose has the published structure (same elements, namespaces, order, attributes and
 * values) once the published elements we do not write are left out.
 */
class Mm7GoldenTest {

    static final String ANNEX_L_CONTENT_TYPE = "multipart/related; boundary=\"NextPart_000_0028_01C19839.84698430\";"
            + " type=text/xml; start=\"</tnn-200102/mm7-submit>\"";

    static Mm7Account annexLAccount(String shortCode) {
        return new Mm7Account(URI.create("http://mms.omms.com/mms-rs/mm7"), "vasp", "demo-secret", "TNN", "News",
                "gold-sp33-im42", shortCode, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void readsTheAnnexLSubmitReqWithItsAttachments() throws Exception {
        ReceivedMms mms = ReceivedMms.read(ANNEX_L_CONTENT_TYPE, XmlShape.resource("annex-l-submit-req.mime"));

        ReceivedSubmit s = mms.submit();
        assertThat(s.transactionId()).isEqualTo("vas00001-sub");
        assertThat(s.mm7Version()).isEqualTo("6.8.0");
        assertThat(s.vaspId()).isEqualTo("TNN");
        assertThat(s.vasId()).isEqualTo("News");
        assertThat(s.to()).containsExactly("7255441234", "7255442222@OMMS.com", "7255443333", "7255444444@OMMS.com");
        assertThat(s.serviceCode()).isEqualTo("gold-sp33-im42");
        assertThat(s.subject()).isEqualTo("News for today");
        assertThat(s.deliveryReport()).isTrue();
        assertThat(s.contentId()).isEqualTo("SaturnPics-01020930@news.tnn.com");

        assertThat(mms.parts()).hasSize(2);
        MmsPart text = mms.parts().get(0);
        assertThat(text.contentType()).startsWith("text/plain");
        // the example has a blank line before the next delimiter: only the last line end belongs to the delimiter
        assertThat(new String(text.content(), StandardCharsets.US_ASCII))
                .isEqualTo("Science news, new Saturn pictures...\r\n");
        MmsPart gif = mms.parts().get(1);
        assertThat(gif.contentId()).isEqualTo("saturn.gif");
        assertThat(gif.contentType()).isEqualTo("image/gif");
        assertThat(new String(gif.content(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF87a");
        assertThat(gif.content()).hasSize(57); // 76 base64 characters
    }

    @Test
    void composesTheSubmitReqOfAnnexL() throws Exception {
        SubmitRequest request = new SubmitRequest("vas00001-sub", List.of("7255441234"), "News for today",
                List.of(new MmsPart("x", "text/plain", new byte[] {'x'})), true);
        byte[] ours = Mm7Writer.submitReq(annexLAccount(null), request, "SaturnPics-01020930@news.tnn.com");

        byte[] annexEnvelope = Multipart.root(ANNEX_L_CONTENT_TYPE,
                Multipart.parse(ANNEX_L_CONTENT_TYPE, XmlShape.resource("annex-l-submit-req.mime"))).content();
        List<String> published = XmlShape.without(XmlShape.of(annexEnvelope), "RFC2822Address", "Cc", "Bcc",
                "LinkedID", "MessageClass", "TimeStamp", "EarliestDeliveryTime", "ExpiryDate", "Priority",
                "ChargedParty", "DistributionIndicator");
        assertThat(XmlShape.of(ours)).containsExactlyElementsOf(published);
    }

    @Test
    void aSenderShortCodeGoesInSenderIdentification() throws Exception {
        SubmitRequest request = new SubmitRequest("t1", List.of("+8613800138000"), "s",
                List.of(new MmsPart("x", "text/plain", new byte[] {'x'})), false);
        ReceivedSubmit back = Mm7Reader.submitRequest(Mm7Writer.submitReq(annexLAccount("10690000"), request, "c"));
        assertThat(back.to()).containsExactly("8613800138000");
        assertThat(back.deliveryReport()).isFalse();
        assertThat(new String(Mm7Writer.submitReq(annexLAccount("10690000"), request, "c"), StandardCharsets.UTF_8))
                .contains("<SenderAddress><ShortCode>10690000</ShortCode></SenderAddress>");
    }

    @Test
    void readsAndComposesTheAnnexLSubmitRsp() throws Exception {
        byte[] published = XmlShape.resource("annex-l-submit-rsp.xml");
        SubmitResult result = Mm7Reader.submitResponse(published);
        assertThat(result.transactionId()).isEqualTo("vas00001-sub");
        assertThat(result.messageId()).isEqualTo("041502073667");
        assertThat(result.status().code()).isEqualTo(1000);

        byte[] ours = Mm7Writer.submitRsp("vas00001-sub", "041502073667");
        assertThat(XmlShape.of(ours)).containsExactlyElementsOf(XmlShape.of(published));
    }

    @Test
    void readsAndComposesSinchsDeliveryReportReq() throws Exception {
        byte[] published = XmlShape.resource("sinch-delivery-report-req.xml");
        DeliveryReport report = Mm7Reader.deliveryReport(published);
        assertThat(report.transactionId()).isEqualTo("10000001");
        assertThat(report.messageId()).isEqualTo("369500617770864640");
        assertThat(report.recipient()).isEqualTo("16175550123");
        assertThat(report.sender()).isEqualTo("111122");
        assertThat(report.date()).isEqualTo("2015-03-16T14:03:51.749Z");
        assertThat(report.status()).isEqualTo(MmStatus.RETRIEVED);
        assertThat(report.statusText()).isEqualTo("Success");
        assertThat(report.toString()).doesNotContain("16175550123");

        byte[] ours = Mm7Writer.deliveryReportReq(report, null);
        assertThat(XmlShape.of(ours))
                .containsExactlyElementsOf(XmlShape.without(XmlShape.of(published), "UACapabilities"));
    }

    @Test
    void readsAndComposesSinchsDeliveryReportRsp() throws Exception {
        byte[] published = XmlShape.resource("sinch-delivery-report-rsp.xml");
        assertThat(Mm7Reader.deliveryReportResponse(published).code()).isEqualTo(1000);

        byte[] ours = Mm7Writer.deliveryReportRsp("1000001", Mm7Status.of(1000));
        List<String> oursShape = XmlShape.of(ours);
        List<String> theirs = XmlShape.of(published);
        assertThat(XmlShape.paths(oursShape)).containsExactlyElementsOf(XmlShape.paths(theirs));
        assertThat(XmlShape.without(oursShape, "StatusText"))
                .containsExactlyElementsOf(XmlShape.without(theirs, "StatusText"));
    }

    @Test
    void anRsErrorRspInAFaultIsTheStatusItCarries() throws Exception {
        byte[] published = XmlShape.resource("rs-error-fault-2002.xml");
        assertThatThrownBy(() -> Mm7Reader.submitResponse(published))
                .isInstanceOfSatisfying(Mm7Exception.class, e -> {
                    assertThat(e.problem()).isEqualTo(Mm7Exception.Problem.FAULT);
                    assertThat(e.status().code()).isEqualTo(2002);
                    assertThat(e.status().meaning()).isEqualTo("Address Error");
                    assertThat(e.status().kind()).isEqualTo(Mm7Status.Kind.CLIENT_ERROR);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("2002").contains("env:Client");
                });

        byte[] ours = Mm7Writer.rsErrorFault("vas00001-sub", Mm7Status.of(2002));
        assertThat(XmlShape.paths(XmlShape.of(ours)))
                .containsExactlyElementsOf(XmlShape.paths(XmlShape.without(XmlShape.of(published), "Details")));
    }
}
