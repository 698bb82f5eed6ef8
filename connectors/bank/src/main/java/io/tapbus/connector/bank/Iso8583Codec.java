package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Encodes and decodes ISO 8583:1987 messages as one {@link Iso8583Packager} lays them out. Strict both ways: a
 * message is refused, with an {@link Iso8583Exception} that says where and why, rather than padded, truncated or
 * half read. Thread-safe.
 */
public final class Iso8583Codec {

    private final Iso8583Packager packager;
    private final WireEncoding encoding;

    public Iso8583Codec(Iso8583Packager packager) {
        this.packager = packager;
        this.encoding = packager.encoding();
    }

    /** A codec for a packager by name: see {@link Iso8583Packager#named}. */
    public static Iso8583Codec named(String packager) {
        return new Iso8583Codec(Iso8583Packager.named(packager));
    }

    public Iso8583Packager packager() {
        return packager;
    }

    public byte[] encode(Iso8583Message message) throws Iso8583Exception {
        checkMti(message.mti());
        if (message.fields().isEmpty()) {
            throw new Iso8583Exception(Iso8583Problem.BAD_BITMAP, "a message needs at least one field");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        encoding.writeDigits(out, message.mti());
        byte[] bitmap = Bitmap.of(message.fields().keySet());
        encoding.writeBitmap(out, Bitmap.primary(bitmap));
        if (bitmap.length > 8) {
            encoding.writeBitmap(out, Bitmap.secondary(bitmap));
        }
        for (Map.Entry<Integer, String> field : message.fields().entrySet()) {
            writeField(out, definition(field.getKey(), "the message has"), field.getValue());
        }
        return out.toByteArray();
    }

    public Iso8583Message decode(byte[] bytes) throws Iso8583Exception {
        ByteReader in = new ByteReader(bytes);
        String mti = readMti(in);
        Iso8583Message mtiOnly = Iso8583Message.of(mti);
        SortedSet<Integer> present;
        try {
            present = readBitmaps(in);
        } catch (Iso8583Exception e) {
            throw e.with(mtiOnly);
        }
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int number : present) {
            FieldDefinition definition;
            try {
                definition = definition(number, "the bitmap sets");
            } catch (Iso8583Exception e) {
                throw e.with(new Iso8583Message(mti, fields));
            }
            try {
                fields.put(number, readField(in, definition));
            } catch (Iso8583Exception e) {
                throw e.in(definition, new Iso8583Message(mti, fields));
            }
        }
        Iso8583Message message = new Iso8583Message(mti, fields);
        if (in.remaining() > 0) {
            throw new Iso8583Exception(Iso8583Problem.TRAILING_BYTES, 0, in.remaining() + " bytes left at offset "
                    + in.position() + " after the last field the bitmap announces (field " + fields.lastKey() + ")",
                    message);
        }
        return message;
    }

    private void checkMti(String mti) throws Iso8583Exception {
        if (!mti.matches("\\d{4}")) {
            throw new Iso8583Exception(Iso8583Problem.BAD_MTI, "MTI must be 4 digits");
        }
        if (!packager.accepts(mti)) {
            throw new Iso8583Exception(Iso8583Problem.UNKNOWN_MTI, "MTI " + mti + " is not one packager "
                    + packager.name() + " defines (" + packager.messageTypes() + ")");
        }
    }

    private String readMti(ByteReader in) throws Iso8583Exception {
        String mti;
        try {
            mti = encoding.readDigits(in, 4, "MTI");
        } catch (Iso8583Exception e) {
            throw e.problem() == Iso8583Problem.BAD_VALUE ? new Iso8583Exception(Iso8583Problem.BAD_MTI,
                    e.getMessage()) : e;
        }
        checkMti(mti);
        return mti;
    }

    /** The data fields the bitmaps announce (bit 1 taken out). */
    private SortedSet<Integer> readBitmaps(ByteReader in) throws Iso8583Exception {
        byte[] primary = encoding.readBitmap(in, "primary bitmap");
        SortedSet<Integer> present = Bitmap.fields(primary);
        if (present.remove(1)) {
            SortedSet<Integer> secondary = Bitmap.fields(encoding.readBitmap(in, "secondary bitmap"));
            if (secondary.isEmpty()) {
                throw new Iso8583Exception(Iso8583Problem.BAD_BITMAP, "bit 1 announces a secondary bitmap that sets"
                        + " no field");
            }
            secondary.forEach(bit -> present.add(bit + 64));
        }
        if (present.isEmpty()) {
            throw new Iso8583Exception(Iso8583Problem.BAD_BITMAP, "the bitmap sets no field");
        }
        return present;
    }

    private FieldDefinition definition(int number, String context) throws Iso8583Exception {
        FieldDefinition definition = packager.field(number);
        if (definition == null) {
            String why = number == 1 ? "field 1 is the secondary bitmap, which the codec sets itself"
                    : context + " field " + number + ", which packager " + packager.name() + " does not define";
            throw new Iso8583Exception(Iso8583Problem.UNDEFINED_FIELD, number, why, null);
        }
        return definition;
    }

    private String readField(ByteReader in, FieldDefinition definition) throws Iso8583Exception {
        int length = definition.format() == LengthFormat.FIXED ? definition.length() : readLength(in, definition);
        return switch (definition.type()) {
            case N, Z -> encoding.readNumber(in, length, definition.pad(), definition.type(), "value");
            case XN -> checkCharacters(definition, encoding.readText(in, 1, "sign"))
                    + encoding.readNumber(in, length - 1, definition.pad(), FieldType.N, "value");
            case B -> encoding.readBinary(in, length, "value");
            case AN, ANS -> checkCharacters(definition, encoding.readText(in, length, "value"));
        };
    }

    private int readLength(ByteReader in, FieldDefinition definition) throws Iso8583Exception {
        String what = definition.format() + " length prefix";
        String digits;
        try {
            digits = encoding.readDigits(in, definition.format().prefixDigits(), what);
        } catch (Iso8583Exception e) {
            throw e.problem() == Iso8583Problem.BAD_VALUE ? new Iso8583Exception(Iso8583Problem.BAD_LENGTH,
                    e.getMessage()) : e;
        }
        int length = Integer.parseInt(digits);
        if (length > definition.length()) {
            throw new Iso8583Exception(Iso8583Problem.BAD_LENGTH, "length " + length + " is over the maximum "
                    + definition.length() + " of " + definition.notation());
        }
        return length;
    }

    private static String checkCharacters(FieldDefinition definition, String value) throws Iso8583Exception {
        int bad = definition.type().firstBadCharacter(value);
        if (bad > 0) {
            throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, "character " + bad + " is "
                    + definition.type().describeBadCharacter() + ", not allowed in " + definition.notation());
        }
        return value;
    }

    private void writeField(ByteArrayOutputStream out, FieldDefinition definition, String value)
            throws Iso8583Exception {
        try {
            checkCharacters(definition, value);
            if (definition.type() == FieldType.B && value.length() % 2 != 0) {
                throw new Iso8583Exception(Iso8583Problem.BAD_VALUE, "b value has an odd number of hex digits");
            }
            int length = definition.type() == FieldType.B ? value.length() / 2 : value.length();
            checkLength(definition, length);
            if (definition.format() != LengthFormat.FIXED) {
                String prefix = String.valueOf(length);
                encoding.writeDigits(out, "0".repeat(definition.format().prefixDigits() - prefix.length()) + prefix);
            }
            switch (definition.type()) {
                case N, Z -> encoding.writeNumber(out, value, definition.pad());
                case XN -> {
                    encoding.writeText(out, value.substring(0, 1));
                    encoding.writeNumber(out, value.substring(1), definition.pad());
                }
                case B -> encoding.writeBinary(out, Hex.parse(value));
                case AN, ANS -> encoding.writeText(out, value);
            }
        } catch (Iso8583Exception e) {
            throw e.in(definition, null);
        }
    }

    private static void checkLength(FieldDefinition definition, int length) throws Iso8583Exception {
        String unit = definition.type() == FieldType.B ? " bytes" : " characters";
        if (definition.format() == LengthFormat.FIXED && length != definition.length()) {
            throw new Iso8583Exception(Iso8583Problem.BAD_LENGTH, "has " + length + unit + ", "
                    + definition.notation() + " needs exactly " + definition.length());
        }
        if (length > definition.length()) {
            throw new Iso8583Exception(Iso8583Problem.BAD_LENGTH, "has " + length + unit + ", over the maximum "
                    + definition.length() + " of " + definition.notation());
        }
    }
}
