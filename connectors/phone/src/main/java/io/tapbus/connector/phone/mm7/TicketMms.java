package io.tapbus.connector.phone.mm7;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The MMS for an e-ticket or a coupon: a SMIL presentation with one slide (the QR code above the text), the text as
 * UTF-8, and the QR code as a PNG whose content is the ticket or coupon payload a gate or till scans.
 */
public final class TicketMms {

    public static final String SMIL_ID = "ticket.smil";
    public static final String TEXT_ID = "ticket.txt";
    public static final String IMAGE_ID = "ticket-qr.png";

    private TicketMms() {
    }

    /** The three parts, SMIL first. {@code text} is what the phone shows under the image. */
    public static List<MmsPart> parts(String text, String qrPayload) {
        return List.of(new MmsPart(SMIL_ID, "application/smil", smil().getBytes(StandardCharsets.UTF_8)),
                new MmsPart(TEXT_ID, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8)),
                new MmsPart(IMAGE_ID, "image/png", QrCode.png(qrPayload, QrCode.DEFAULT_PIXELS)));
    }

    /** A SubmitReq for one recipient, with a delivery report. */
    public static SubmitRequest submit(String transactionId, String msisdn, String subject, String text,
            String qrPayload) {
        return new SubmitRequest(transactionId, List.of(msisdn), subject, parts(text, qrPayload), true);
    }

    static String smil() {
        return "<smil><head><layout>"
                + "<root-layout width=\"320\" height=\"480\"/>"
                + "<region id=\"Image\" top=\"0\" left=\"0\" width=\"320\" height=\"320\" fit=\"meet\"/>"
                + "<region id=\"Text\" top=\"320\" left=\"0\" width=\"320\" height=\"160\"/>"
                + "</layout></head><body><par dur=\"30s\">"
                + "<img src=\"cid:" + IMAGE_ID + "\" region=\"Image\"/>"
                + "<text src=\"cid:" + TEXT_ID + "\" region=\"Text\"/>"
                + "</par></body></smil>";
    }
}
