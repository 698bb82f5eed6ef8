package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;


final class TestBytes {

    private TestBytes() {
    }

    static byte[] hex(String hex) {
        return Hex.parse(hex);
    }

    static byte[] flipBit(byte[] data, int byteIndex) {
        byte[] copy = data.clone();
        copy[byteIndex] ^= 0x01;
        return copy;
    }
}
