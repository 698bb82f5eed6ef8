package io.tapbus.connector.phone.mm7;

/**
 * The MMSC's acceptance of a submit (MM7_submit.RES with status 1000 or 1100): its message id, which the delivery
 * reports will name, and the status it answered.
 */
public record SubmitResult(String transactionId, String messageId, Mm7Status status) {
}
