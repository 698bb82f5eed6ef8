package io.tapbus.samples.smsc;

/**
 * An accepted submit_sm, as much of it as its receipt needs: the message id, both addresses (the receipt goes from
 * the phone back to the sender), the user_message_reference TLV when the submit carried one, and which receipt the
 * ESME asked for.
 *
 * @param userMessageReference the TLV's value, or -1 when absent
 * @param receiptOnFailureOnly registered_delivery 2: a receipt only for a failure
 */
record Submitted(String messageId, byte sourceTon, byte sourceNpi, String source, byte destTon, byte destNpi,
                 String destination, int userMessageReference, long submittedAtMillis, boolean receiptOnFailureOnly) {
}
