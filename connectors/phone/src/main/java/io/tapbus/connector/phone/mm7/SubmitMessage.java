package io.tapbus.connector.phone.mm7;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP body of an MM7 SubmitReq (SOAP with attachments): a multipart/related whose root part is the SOAP
 * envelope and whose second part is the MMS content, itself a multipart/related on the SMIL presentation (or a
 * multipart/mixed without one), as in TS 23.140 Annex L. Binary media go base64; text goes 8-bit.
 */
public record SubmitMessage(String contentType, byte[] body) {

    static final String SOAP_ID = "mm7-submit@tapbus";
    static final String CONTENT_ID = "mms-content@tapbus";

    /** Composes the body for {@code request} sent from {@code account}. Boundaries derive from the transaction id. */
    public static SubmitMessage compose(Mm7Account account, SubmitRequest request) throws Mm7Exception {
        String tag = Integer.toHexString(request.transactionId().hashCode());
        for (int n = 1; occursIn(tag, request.parts()); n++) {
            tag = Integer.toHexString(request.transactionId().hashCode()) + "-" + n;
        }
        String outer = "tapbus-mm7-" + tag;
        String inner = "tapbus-mms-" + tag;
        byte[] envelope = Mm7Writer.submitReq(account, request, CONTENT_ID);

        List<MimePart> media = new ArrayList<>();
        MmsPart smil = null;
        for (MmsPart p : request.parts()) {
            if (p.isSmil() && smil == null) {
                smil = p;
            }
            media.add(mediaPart(p));
        }
        String contentType = smil == null
                ? "multipart/mixed; boundary=\"" + inner + "\""
                : "multipart/related; boundary=\"" + inner + "\"; type=\"application/smil\"; start=\"<"
                        + smil.contentId() + ">\"";
        Map<String, String> contentHeaders = new LinkedHashMap<>();
        contentHeaders.put("content-type", contentType);
        contentHeaders.put("content-id", "<" + CONTENT_ID + ">");

        Map<String, String> soapHeaders = new LinkedHashMap<>();
        soapHeaders.put("content-type", "text/xml; charset=\"utf-8\"");
        soapHeaders.put("content-id", "<" + SOAP_ID + ">");
        byte[] body = Multipart.write(outer, List.of(new MimePart(soapHeaders, envelope),
                new MimePart(contentHeaders, Multipart.write(inner, media))));
        return new SubmitMessage("multipart/related; boundary=\"" + outer + "\"; type=\"text/xml\"; start=\"<"
                + SOAP_ID + ">\"", body);
    }

    /** True when a part's bytes contain the boundary tag: a text that happens to hold it gets another boundary. */
    private static boolean occursIn(String tag, List<MmsPart> parts) {
        byte[] needle = tag.getBytes(StandardCharsets.US_ASCII);
        for (MmsPart p : parts) {
            byte[] hay = p.content();
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static MimePart mediaPart(MmsPart p) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", p.contentType());
        h.put("content-id", "<" + p.contentId() + ">");
        h.put("content-location", p.contentId());
        String base = MimeType.base(p.contentType());
        if (base.startsWith("text/") || base.equals("application/smil")) {
            h.put("content-transfer-encoding", "8bit");
            return new MimePart(h, p.content());
        }
        h.put("content-transfer-encoding", "base64");
        return new MimePart(h, Base64.getMimeEncoder().encodeToString(p.content())
                .getBytes(StandardCharsets.US_ASCII));
    }
}
