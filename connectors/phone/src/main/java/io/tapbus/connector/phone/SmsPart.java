package io.tapbus.connector.phone;

/**
 * One short message of a possibly concatenated message: its user data header (empty when none), its alphabet and
 * its payload: unpacked septets for {@link Alphabet#GSM7}, octets otherwise.
 */
public record SmsPart(UserDataHeader header, Alphabet alphabet, byte[] payload) {

    /** esm_class bit 6, UDHI: the short message starts with a user data header. */
    public static final int ESM_CLASS_UDHI = 0x40;

    public SmsPart {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** SMPP esm_class for this part: UDHI when it has a header, else the default (0x00). */
    public int esmClass() {
        return header.elements().isEmpty() ? 0x00 : ESM_CLASS_UDHI;
    }

    public int dataCoding() {
        return alphabet.dataCoding();
    }

    /**
     * The SMPP short_message: the header, then the payload. GSM 7-bit text is one septet per octet unless
     * {@code packedSeptets}, when it is packed after the header's fill bits as on the air interface.
     */
    public byte[] shortMessage(boolean packedSeptets) {
        byte[] udh = header.toBytes();
        byte[] body = alphabet == Alphabet.GSM7 && packedSeptets
                ? Septets.pack(payload, Septets.fillBits(udh.length)) : payload;
        byte[] message = new byte[udh.length + body.length];
        System.arraycopy(udh, 0, message, 0, udh.length);
        System.arraycopy(body, 0, message, udh.length, body.length);
        return message;
    }
}
