package io.tapbus.connector.bank;

import java.util.Arrays;

/** Reads a message from the front, failing with TRUNCATED (and where) when it ends too early. */
final class ByteReader {

    private final byte[] bytes;
    private int position;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] take(int count, String what) throws Iso8583Exception {
        if (count > remaining()) {
            throw new Iso8583Exception(Iso8583Problem.TRUNCATED, what + ": needs " + count + " bytes at offset "
                    + position + ", only " + remaining() + " left");
        }
        byte[] taken = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return taken;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
    }
}
