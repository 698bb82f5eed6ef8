package io.tapbus.samples.smsc;

/** The final states a receipt reports: the text stat: value, the message_state TLV value and the err: code. */
enum ReceiptState {
    DELIVRD(2, "000", "001"),
    EXPIRED(3, "000", "000"),
    UNDELIV(5, "001", "000");

    /** SMPP 3.4 §5.2.28 message_state: 2 DELIVERED, 3 EXPIRED, 5 UNDELIVERABLE. */
    final int messageState;
    final String error;
    final String delivered;

    ReceiptState(int messageState, String error, String delivered) {
        this.messageState = messageState;
        this.error = error;
        this.delivered = delivered;
    }
}
