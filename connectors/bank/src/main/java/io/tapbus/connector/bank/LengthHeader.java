package io.tapbus.connector.bank;

import io.netty.buffer.ByteBuf;

/**
 * The length in front of each message on a TCP link (the header itself not counted, a TPDU counted): 2 bytes binary
 * big-endian (jPOS's PostChannel and NACChannel) or 4 ASCII digits (jPOS's ASCIIChannel).
 */
public enum LengthHeader {
    BINARY2("binary2", 2, 0xFFFF),
    ASCII4("ascii4", 4, 9999);

    private final String code;
    private final int size;
    private final int max;

    LengthHeader(String code, int size, int max) {
        this.code = code;
        this.size = size;
        this.max = max;
    }

    public static LengthHeader ofCode(String code) {
        for (LengthHeader header : values()) {
            if (header.code.equalsIgnoreCase(code.strip())) {
                return header;
            }
        }
        throw new IllegalArgumentException("unknown length header '" + code + "' (use binary2: 2 bytes binary, or"
                + " ascii4: 4 ASCII digits as jPOS's ASCIIChannel)");
    }

    public String code() {
        return code;
    }

    /** Bytes the header takes. */
    public int size() {
        return size;
    }

    /** The longest frame (TPDU and message) the header can announce. */
    public int max() {
        return max;
    }

    byte[] encode(int length) {
        if (length > max) {
            throw new IllegalArgumentException("a frame of " + length + " bytes is over the " + max + " the " + this
                    + " length header allows");
        }
        return this == BINARY2 ? new byte[] {(byte) (length >>> 8), (byte) length}
                : String.format("%04d", length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The length at {@code index}; the caller made sure {@link #size()} bytes are readable there. */
    int read(ByteBuf in, int index) throws Iso8583Exception {
        if (this == BINARY2) {
            return in.getUnsignedShort(index);
        }
        int length = 0;
        for (int i = 0; i < size; i++) {
            int b = in.getUnsignedByte(index + i);
            if (b < '0' || b > '9') {
                throw new Iso8583Exception(Iso8583Problem.BAD_LENGTH_HEADER, "length header: byte " + (i + 1)
                        + " of 4 is " + String.format("%02X", b) + ", not an ASCII digit; the stream cannot be"
                        + " read on");
            }
            length = length * 10 + (b - '0');
        }
        return length;
    }

    @Override
    public String toString() {
        return code;
    }
}
