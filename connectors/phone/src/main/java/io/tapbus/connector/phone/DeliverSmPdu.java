package io.tapbus.connector.phone;

import java.util.List;
import java.util.Optional;

/**
 * A decoded SMPP 3.4 deliver_sm (§4.6.1): what the SMSC delivers to TapBus, an incoming message or a delivery
 * receipt. {@link #shortMessage()} is the message_payload TLV's value when the SMSC used that instead.
 */
public record DeliverSmPdu(long sequenceNumber, String serviceType, SmppAddress source, SmppAddress destination,
        int esmClass, int protocolId, int priorityFlag, String scheduleDeliveryTime, String validityPeriod,
        int registeredDelivery, int replaceIfPresentFlag, int dataCoding, int smDefaultMsgId, byte[] shortMessage,
        List<Tlv> tlvs) {

    /** esm_class message type bits (2-5): 0x04 SMSC delivery receipt, 0x20 intermediate delivery notification. */
    public static final int MESSAGE_TYPE_MASK = 0x3C;
    public static final int SMSC_DELIVERY_RECEIPT = 0x04;
    public static final int INTERMEDIATE_NOTIFICATION = 0x20;

    public DeliverSmPdu {
        shortMessage = shortMessage.clone();
        tlvs = List.copyOf(tlvs);
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }

    public Optional<Tlv> tlv(int tag) {
        return tlvs.stream().filter(t -> t.tag() == tag).findFirst();
    }

    /** A delivery receipt: esm_class says so, or the SMSC sent the receipted_message_id TLV. */
    public boolean isDeliveryReceipt() {
        int type = esmClass & MESSAGE_TYPE_MASK;
        return type == SMSC_DELIVERY_RECEIPT || type == INTERMEDIATE_NOTIFICATION
                || tlv(Tlv.RECEIPTED_MESSAGE_ID).isPresent();
    }
}
