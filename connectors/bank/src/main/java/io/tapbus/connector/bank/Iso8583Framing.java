package io.tapbus.connector.bank;

/**
 * TCP framing for ISO 8583 hosts: each message is preceded by its length as a 2-byte big-endian unsigned number
 * (the prefix itself not counted), so a message is at most 65535 bytes.
 */
public final class Iso8583Framing {

    public static final int PREFIX_LENGTH = 2;
    public static final int MAX_MESSAGE_LENGTH = 0xFFFF;

    private Iso8583Framing() {
    }

    /** The message with its length prefix, for clients that write to a plain socket. */
    public static byte[] frame(byte[] message) {
        if (message.length > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message of " + message.length + " bytes is over the 65535 a 2-byte"
                    + " length prefix allows");
        }
        byte[] frame = new byte[PREFIX_LENGTH + message.length];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, PREFIX_LENGTH, message.length);
        return frame;
    }
}
