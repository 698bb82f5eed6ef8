package io.tapbus.connector.phone.mm7;

/**
 * An MM7_delivery_report.REQ from the MMSC: the message id of the submit it reports on, the recipient (a number or an
 * address, as the MMSC wrote it), the sender, the date as written, the state and the MMSC's free text. Sender, date and
 * text may be null.
 */
public record DeliveryReport(String transactionId, String messageId, String recipient, String sender, String date,
        MmStatus status, String statusText) {

    @Override
    public String toString() {
        // the recipient is personal data: it stays out of log lines
        return "DeliveryReport[transaction " + transactionId + ", message " + messageId + ", " + status.wire() + "]";
    }
}
