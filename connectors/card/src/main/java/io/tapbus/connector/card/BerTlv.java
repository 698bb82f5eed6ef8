package io.tapbus.connector.card;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** The small part of BER-TLV (EMV Book 3 Annex B) that the TapBus card and reader need: build and find. */
public final class BerTlv {

    private BerTlv() {
    }

    /** One TLV; {@code tag} is one or two bytes (0x5A, 0x9F36), values up to 255 bytes. */
    public static byte[] of(int tag, byte[]... valueParts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : valueParts) {
            value.writeBytes(part);
        }
        if (value.size() > 255) {
            throw new IllegalArgumentException("TLV values are at most 255 bytes here");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        if (value.size() > 127) {
            out.write(0x81);
        }
        out.write(value.size());
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }

    /**
     * The value of the first {@code tag} in {@code data}, looking inside constructed TLVs; empty when absent or when
     * the data is not well-formed TLV.
     */
    public static Optional<byte[]> find(byte[] data, int tag) {
        return find(data, 0, data.length, tag);
    }

    private static Optional<byte[]> find(byte[] data, int from, int to, int wanted) {
        int i = from;
        while (i < to) {
            if (data[i] == 0x00 || data[i] == (byte) 0xFF) { // padding between TLVs
                i++;
                continue;
            }
            boolean constructed = (data[i] & 0x20) != 0;
            int tag = data[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                if (i >= to) {
                    return Optional.empty();
                }
                tag = (tag << 8) | (data[i++] & 0xFF);
            }
            if (i >= to) {
                return Optional.empty();
            }
            int length = data[i++] & 0xFF;
            if (length == 0x81) {
                if (i >= to) {
                    return Optional.empty();
                }
                length = data[i++] & 0xFF;
            } else if (length > 0x7F) {
                return Optional.empty();
            }
            if (i + length > to) {
                return Optional.empty();
            }
            if (tag == wanted) {
                return Optional.of(java.util.Arrays.copyOfRange(data, i, i + length));
            }
            if (constructed) {
                Optional<byte[]> inner = find(data, i, i + length, wanted);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            i += length;
        }
        return Optional.empty();
    }
}
