package io.tapbus.connector.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reader key material: per-reader key diversification from a master key, and hex key parsing.
 *
 * <p>Diversification is a NIST SP 800-108 KDF in counter mode with AES-CMAC as PRF and a single block:
 * {@code K_reader = AES-CMAC(K_master, 0x01 || "TAPBUS-READER" || 0x00 || readerId || 0x00 0x80)}
 * (counter i=1 on one byte, label, separator, context = reader id in UTF-8, L = 128 bits on two bytes).
 */
public final class ReaderKeys {

    private static final byte[] LABEL = "TAPBUS-READER".getBytes(StandardCharsets.US_ASCII);

    private ReaderKeys() {
    }

    /** The 16-byte key of one reader, derived from the master key and the reader id. */
    public static byte[] diversify(byte[] masterKey16, String readerId) {
        if (masterKey16 == null || masterKey16.length != ReaderMac.KEY_LENGTH) {
            throw new IllegalArgumentException("master key must be 16 bytes");
        }
        if (!ReaderFrameCodec.isValidReaderId(readerId)) {
            throw new IllegalArgumentException("invalid reader id");
        }
        byte[] context = readerId.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[1 + LABEL.length + 1 + context.length + 2];
        int pos = 0;
        input[pos++] = 0x01;
        System.arraycopy(LABEL, 0, input, pos, LABEL.length);
        pos += LABEL.length;
        input[pos++] = 0x00;
        System.arraycopy(context, 0, input, pos, context.length);
        pos += context.length;
        input[pos++] = 0x00;
        input[pos] = (byte) 0x80;
        return ReaderMac.cmac(masterKey16, input, 0, input.length);
    }

    /**
     * The key check value of an AES key as ANSI X9.24-1:2017 and PCI PIN requirement 15-1 define it for AES: the
     * leftmost 40 bits of AES-CMAC over a block of 16 zero bytes, as 10 upper-case hex digits. It tells whether two
     * parties hold the same key without showing the key.
     */
    public static String checkValue(byte[] key16) {
        if (key16 == null || key16.length != ReaderMac.KEY_LENGTH) {
            throw new IllegalArgumentException("key must be 16 bytes");
        }
        byte[] zeros = new byte[ReaderMac.TAG_LENGTH];
        return HexFormat.of().withUpperCase().formatHex(ReaderMac.cmac(key16, zeros, 0, zeros.length), 0, 5);
    }

    /**
     * Parses a 16-byte key written as 32 hex digits (either case; surrounding whitespace ignored).
     * The message of the exception never contains the key text.
     */
    public static byte[] parseHexKey(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("key is missing");
        }
        String trimmed = hex.strip();
        if (trimmed.length() != 2 * ReaderMac.KEY_LENGTH) {
            throw new IllegalArgumentException("key must be 32 hex digits, got " + trimmed.length() + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.digit(trimmed.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("key must be 32 hex digits, found a non-hex character at position " + i);
            }
        }
        return HexFormat.of().parseHex(trimmed);
    }

    /** Reads a key file holding 32 hex digits (a trailing newline is fine). */
    public static byte[] readHexKeyFile(Path file) {
        try {
            return parseHexKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + ": " + e.getMessage(), e);
        }
    }
}
