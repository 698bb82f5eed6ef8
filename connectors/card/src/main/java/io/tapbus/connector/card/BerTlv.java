package io.tapbus.connector.card;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * BER-TLV as EMV uses it (EMV 4.3 Book 3 Annex B), the one reader of card and terminal data in TapBus: the card's
 * answers ({@link CardResponses}), the ICC data of a POS request (field 55), the simulated card's templates.
 *
 * <p>{@link #parse} is strict: tags of 1 to 3 bytes, lengths in short form or 81/82 long form, 00/FF padding before,
 * between and after data objects; anything else is a {@link TlvException} whose message names the tag, never a value.
 * {@link #find} is its lenient use: a value or nothing.
 */
public final class BerTlv {

    /** The data is not well-formed BER-TLV; the message names the tag and the fault, never a value. */
    public static final class TlvException extends Exception {
        public TlvException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One data object; {@code constructed} when its value is data objects again (b6 of the first tag byte). */
    public record DataObject(int tag, boolean constructed, byte[] value) {

        public DataObject {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        /** The data objects inside a constructed one. */
        public List<DataObject> children() throws TlvException {
            return parse(value);
        }

        @Override
        public String toString() {
            return "DataObject[tag=" + name(tag) + ", " + value.length + " bytes]";
        }
    }

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

    /** The data objects of {@code data}, strictly. */
    public static List<DataObject> parse(byte[] data) throws TlvException {
        List<DataObject> objects = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int first = data[i] & 0xFF;
            if (first == 0x00 || first == 0xFF) { // padding before, between or after data objects
                i++;
                continue;
            }
            i++;
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int more = 0;
                boolean next;
                do {
                    if (i >= data.length) {
                        throw new TlvException("a tag is cut off");
                    }
                    if (++more > 2) {
                        throw new TlvException("a tag is longer than three bytes");
                    }
                    next = (data[i] & 0x80) != 0;
                    tag = (tag << 8) | (data[i++] & 0xFF);
                } while (next);
            }
            if (i >= data.length) {
                throw new TlvException("tag " + name(tag) + " has no length");
            }
            int length = data[i++] & 0xFF;
            if (length > 0x7F) {
                int octets = length & 0x7F;
                if (octets < 1 || octets > 2 || octets > data.length - i) {
                    throw new TlvException("tag " + name(tag) + " has a bad length");
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | (data[i++] & 0xFF);
                }
            }
            if (length > data.length - i) {
                throw new TlvException("tag " + name(tag) + " runs past the end");
            }
            objects.add(new DataObject(tag, (first & 0x20) != 0, Arrays.copyOfRange(data, i, i + length)));
            i += length;
        }
        return objects;
    }

    /** The data objects by tag; a tag that appears twice is refused. */
    public static Map<Integer, DataObject> byTag(List<DataObject> objects) throws TlvException {
        Map<Integer, DataObject> byTag = new HashMap<>();
        for (DataObject object : objects) {
            if (byTag.put(object.tag(), object) != null) {
                throw new TlvException("tag " + name(object.tag()) + " appears twice");
            }
        }
        return byTag;
    }

    /**
     * The value of the first {@code tag} in {@code data}, looking inside constructed TLVs; empty when absent or when
     * the data is not well-formed TLV.
     */
    public static Optional<byte[]> find(byte[] data, int tag) {
        try {
            return find(parse(data), tag);
        } catch (TlvException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> find(List<DataObject> objects, int wanted) throws TlvException {
        for (DataObject object : objects) {
            if (object.tag() == wanted) {
                return Optional.of(object.value());
            }
            if (object.constructed()) {
                Optional<byte[]> inner = find(object.children(), wanted);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /** A tag as EMV prints it: 9F36, 5A. */
    public static String name(int tag) {
        return Integer.toHexString(tag).toUpperCase(Locale.ROOT);
    }
}
