package io.tapbus.connector.phone;

/**
 * One short message of a possibly concatenated message: its user data header (empty when none), its alphabet and
 * its payload: unpacked septets for {@link Alphabet#GSM7}, octets otherwise. {@code protocolId} is the TP-PID
 * (0 for ordinary messages, 0x7F for SIM data download) and {@code dataCoding} the data_coding sent (the alphabet's,
 * or a GSM data coding scheme such as 0xF6, 8-bit class 2, for SIM data download).
 */
public record SmsPart(UserDataHeader header, Alphabet alphabet, byte[] payload, int protocolId, int dataCoding) {

    /** esm_class bit 6, UDHI: the short message starts with a user data header. */
    public static final int ESM_CLASS_UDHI = 0x40;

    public SmsPart {
        payload = payload.clone();
        if (protocolId < 0 || protocolId > 0xFF || dataCoding < 0 || dataCoding > 0xFF) {
            throw new IllegalArgumentException("protocol_id and data_coding are one octet each");
        }
    }

    /** An ordinary part: protocol id 0, the alphabet's data_coding. */
    public SmsPart(UserDataHeader header, Alphabet alphabet, byte[] payload) {
        this(header, alphabet, payload, 0, alphabet.dataCoding());
    }

    /**
     * An 8-bit part from whole TP user data that starts with its user data header (such as an OTA command packet's
     * {@code 02 70 00 ...}), sent with the given protocol id and data coding.
     */
    public static SmsPart binaryWithHeader(byte[] userData, int protocolId, int dataCoding) {
        UserDataHeader header = UserDataHeader.parse(userData);
        byte[] payload = java.util.Arrays.copyOfRange(userData, 1 + (userData[0] & 0xFF), userData.length);
        if (header.elements().isEmpty() || header.length() + payload.length > SmsEncoder.USER_DATA_OCTETS) {
            throw new PhoneCodecException(PhoneCodecException.Problem.UDH_LENGTH_MISMATCH, "binary user data of "
                    + userData.length + " octets: a header and at most " + SmsEncoder.USER_DATA_OCTETS + " octets");
        }
        return new SmsPart(header, Alphabet.EIGHT_BIT, payload, protocolId, dataCoding);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** SMPP esm_class for this part: UDHI when it has a header, else the default (0x00). */
    public int esmClass() {
        return header.elements().isEmpty() ? 0x00 : ESM_CLASS_UDHI;
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
