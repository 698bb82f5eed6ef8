package io.tapbus.connector.phone;

/** Receives texts from phones over an SMPP link, whole. Called on jSMPP's reader threads: return quickly. */
@FunctionalInterface
public interface IncomingListener {

    /** TP-PID 0x7F: (U)SIM data download, a message for or from the card's toolkit, not a text. */
    int SIM_DATA_DOWNLOAD = 0x7F;

    void onIncoming(IncomingSms sms);

    /**
     * A binary message with protocol id {@link #SIM_DATA_DOWNLOAD} (such as an OTA proof of receipt, user data header
     * IEI 0x71), as the SMSC delivered it, part by part; never read as a text command. By default it is acknowledged
     * and dropped. Throwing a RuntimeException makes the link answer a temporary error, so the SMSC delivers it again.
     */
    default void onSimData(DeliverSmPdu pdu) {
    }
}
