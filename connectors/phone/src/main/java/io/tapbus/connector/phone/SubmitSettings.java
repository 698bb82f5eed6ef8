package io.tapbus.connector.phone;

/**
 * What every submit_sm of one SMSC connection carries besides the message: the sender, the service type, whether a
 * delivery receipt is asked for (registered_delivery), and whether GSM 7-bit text goes packed.
 *
 * @param source             the sender (see {@link SmppAddress#source})
 * @param serviceType        SMPP service_type, empty for the SMSC default
 * @param registeredDelivery 0x01 asks the SMSC for a receipt on success or failure (SMPP 3.4 §5.2.17)
 * @param packedSeptets      false (usual): one GSM 7-bit septet per octet, the SMSC packs; true: packed as on air
 */
public record SubmitSettings(SmppAddress source, String serviceType, int registeredDelivery, boolean packedSeptets) {

    /** Receipt on success or failure. */
    public static final int RECEIPT_ON_SUCCESS_OR_FAILURE = 0x01;

    public static SubmitSettings from(String source) {
        return new SubmitSettings(SmppAddress.source(source), "", RECEIPT_ON_SUCCESS_OR_FAILURE, false);
    }

    public SubmitSettings withPackedSeptets(boolean packed) {
        return new SubmitSettings(source, serviceType, registeredDelivery, packed);
    }
}
