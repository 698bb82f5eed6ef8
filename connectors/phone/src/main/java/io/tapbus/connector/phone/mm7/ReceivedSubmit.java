package io.tapbus.connector.phone.mm7;

import java.util.List;

/**
 * A SubmitReq as an MMSC reads it (the simulator, and the tests that read published examples): the fields TapBus
 * writes, plus the Content href that names the attachment.
 */
public record ReceivedSubmit(String transactionId, String mm7Version, String vaspId, String vasId, List<String> to,
        String serviceCode, String subject, boolean deliveryReport, String contentHref) {

    public ReceivedSubmit {
        to = List.copyOf(to);
    }

    /** The Content-ID the Content href names ({@code cid:x} gives {@code x}), or null when there is no Content. */
    public String contentId() {
        return contentHref == null ? null : MimeType.unbracket(contentHref);
    }
}
