package io.tapbus.connector.card;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the cryptogram input is padded to whole DES blocks before the retail MAC (ISO/IEC 9797-1 padding methods 1
 * and 2). Named by what the schemes' documents and HSM manuals call them: P00 and P80.
 */
public enum Padding {

    /** Method 1: zeros up to the next multiple of 8; data already a multiple of 8 (and not empty) gets none. Visa CVN 10. */
    P00("00"),
    /** Method 2: one 0x80 byte, then zeros up to the next multiple of 8; always at least one byte. EMV, CVN 18, M/Chip. */
    P80("80");

    private final String code;

    Padding(String code) {
        this.code = code;
    }

    /** {@code 00} or {@code 80}, as {@code --padding} and the key file write it. */
    public String code() {
        return code;
    }

    public static Padding ofCode(String code) {
        for (Padding padding : values()) {
            if (padding.code.equals(code) || padding.name().equals(code.toUpperCase(Locale.ROOT))) {
                return padding;
            }
        }
        throw new IllegalArgumentException("padding '" + code + "' is not one of 00, 80");
    }

    public byte[] pad(byte[] data) {
        if (this == P80) {
            byte[] padded = Arrays.copyOf(data, (data.length / TripleDes.BLOCK + 1) * TripleDes.BLOCK);
            padded[data.length] = (byte) 0x80;
            return padded;
        }
        int blocks = Math.max(1, (data.length + TripleDes.BLOCK - 1) / TripleDes.BLOCK);
        return Arrays.copyOf(data, blocks * TripleDes.BLOCK);
    }
}
