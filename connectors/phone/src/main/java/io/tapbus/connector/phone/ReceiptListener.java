package io.tapbus.connector.phone;

/**
 * Receives the delivery receipts of an SMPP link: {@link DeliveryReceipt#messageId()} is the id the SMSC returned
 * for a submitted part, {@link DeliveryReceipt#state()} its state. Called on jSMPP's reader threads: return quickly.
 */
@FunctionalInterface
public interface ReceiptListener {
    void onReceipt(DeliveryReceipt receipt);

    /** The receipt with the deliver_sm it came in, for TLVs the receipt does not read (user_message_reference). */
    default void onReceipt(DeliveryReceipt receipt, DeliverSmPdu pdu) {
        onReceipt(receipt);
    }
}
