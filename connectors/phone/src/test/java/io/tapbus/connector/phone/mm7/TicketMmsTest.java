package io.tapbus.connector.phone.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ticket and coupon MMS: the QR code decodes back (ZXing's reader) to the payload, through the whole MM7 body. */
class TicketMmsTest {

    static final String TICKET = "TB1|ticket=T-2026-000123|route=Shanghai-Hangzhou|seat=07A|valid=2026-12-24T08:00Z";
    static final String COUPON = "TB1|coupon=C-8841|shop=外滩咖啡|discount=20%|until=2026-12-31";

    @Test
    void theQrImageDecodesToTheTicketPayload() throws Exception {
        byte[] png = QrCode.png(TICKET, QrCode.DEFAULT_PIXELS);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(QrDecoding.decode(png)).isEqualTo(TICKET);
    }

    @Test
    void aCouponWithChineseTextDecodesToo() throws Exception {
        assertThat(QrDecoding.decode(QrCode.png(COUPON, 200))).isEqualTo(COUPON);
    }

    @Test
    void theQrCodeSurvivesTheMm7BodyBothWays() throws Exception {
        SubmitRequest request = TicketMms.submit("tb-000123", "+8613800138000", "Your ticket", "Seat 07A, 08:00",
                TICKET);
        SubmitMessage message = SubmitMessage.compose(Mm7GoldenTest.annexLAccount(null), request);
        assertThat(message.contentType()).startsWith("multipart/related;").contains("type=\"text/xml\"")
                .contains("start=\"<mm7-submit@tapbus>\"");

        ReceivedMms back = ReceivedMms.read(message.contentType(), message.body());
        assertThat(back.submit().transactionId()).isEqualTo("tb-000123");
        assertThat(back.submit().to()).containsExactly("8613800138000");
        assertThat(back.submit().contentId()).isEqualTo(SubmitMessage.CONTENT_ID);
        List<String> ids = back.parts().stream().map(MmsPart::contentId).toList();
        assertThat(ids).containsExactly(TicketMms.SMIL_ID, TicketMms.TEXT_ID, TicketMms.IMAGE_ID);
        assertThat(new String(back.parts().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("Seat 07A, 08:00");
        assertThat(QrDecoding.decode(back.parts().get(2).content())).isEqualTo(TICKET);
        String smil = new String(back.parts().get(0).content(), StandardCharsets.UTF_8);
        assertThat(smil).contains("src=\"cid:" + TicketMms.IMAGE_ID + "\"").contains("src=\"cid:" + TicketMms.TEXT_ID);
    }

    @Test
    void thePngIsBase64AndTheTextEightBitInTheBody() throws Exception {
        SubmitMessage message = SubmitMessage.compose(Mm7GoldenTest.annexLAccount(null),
                TicketMms.submit("tb-1", "+8613800138000", "s", "票价 ¥45", TICKET));
        String body = new String(message.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("Content-Type: image/png\r\nContent-ID: <ticket-qr.png>\r\n"
                + "Content-Location: ticket-qr.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo");
        assertThat(body).contains("票价 ¥45");
        assertThat(body).contains("type=\"application/smil\"; start=\"<ticket.smil>\"");
    }

    @Test
    void aTextHoldingTheBoundaryGetsAnotherBoundary() throws Exception {
        String tag = Integer.toHexString("tb-9".hashCode());
        String text = "--tapbus-mms-" + tag + "\r\n--tapbus-mm7-" + tag + "--";
        SubmitMessage message = SubmitMessage.compose(Mm7GoldenTest.annexLAccount(null),
                TicketMms.submit("tb-9", "+8613800138000", "s", text, TICKET));
        assertThat(message.contentType()).contains("boundary=\"tapbus-mm7-" + tag + "-1\"");
        ReceivedMms back = ReceivedMms.read(message.contentType(), message.body());
        assertThat(new String(back.parts().get(1).content(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(QrDecoding.decode(back.parts().get(2).content())).isEqualTo(TICKET);
    }

    @Test
    void aPayloadTooLongForAQrCodeIsRefused() {
        assertThatThrownBy(() -> QrCode.png("x".repeat(8000), 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000 characters");
    }
}
