package io.tapbus.connector.bank;

import java.util.Random;
import java.util.TreeMap;

/** Valid values for any field of a layout: fixed ones for the golden all-fields images, random ones for property tests. */
final class SampleValues {

    private static final String DIGITS = "0123456789";
    private static final String AN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ANS = AN + " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private SampleValues() {
    }

    /** One message of this MTI with every field of {@code from..to} (and {@code extra}) that the layout defines. */
    static Iso8583Message allFields(Iso8583Packager layout, String mti, int from, int to, int... extra) {
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int n = from; n <= to; n++) {
            if (layout.field(n) != null) {
                fields.put(n, fixed(layout.field(n)));
            }
        }
        for (int n : extra) {
            fields.put(n, fixed(layout.field(n)));
        }
        return new Iso8583Message(mti, fields);
    }

    /**
     * A readable value that depends only on the field: the maximum length for variable fields up to 25 (an odd one
     * for numbers, so BCD padding shows), 25 characters or bytes for longer ones.
     */
    static String fixed(FieldDefinition f) {
        int length = f.format() == LengthFormat.FIXED ? f.length() : Math.min(f.length(), 25);
        if (f.type().isNumeric() && f.format() != LengthFormat.FIXED && length % 2 == 0) {
            length--;
        }
        return switch (f.type()) {
            case N -> cycle(DIGITS, f.number(), length);
            case Z -> track2(length);
            case XN -> (f.number() % 2 == 0 ? "C" : "D") + cycle(DIGITS, f.number(), length - 1);
            case AN -> noTrailingSpace(cycle(AN, f.number(), length));
            case ANS -> noTrailingSpace(cycle(ANS, f.number() * 3, length));
            case B -> cycle("0123456789ABCDEF", f.number(), 2 * length);
        };
    }

    static String random(FieldDefinition f, Random random) {
        int length = f.format() == LengthFormat.FIXED ? f.length() : 1 + random.nextInt(Math.min(f.length(), 60));
        if (f.type() == FieldType.XN) {
            return (random.nextBoolean() ? "C" : "D") + pick(DIGITS, random, length - 1);
        }
        if (f.type() == FieldType.Z && length > 2) {
            int separator = 1 + random.nextInt(length - 2);
            return pick(DIGITS, random, separator) + "=" + pick(DIGITS, random, length - separator - 1);
        }
        return switch (f.type()) {
            case N, Z, XN -> pick(DIGITS, random, length);
            case AN -> noTrailingSpace(pick(AN, random, length));
            case ANS -> noTrailingSpace(pick(ANS, random, length));
            case B -> pick("0123456789ABCDEF", random, 2 * length);
        };
    }

    private static String noTrailingSpace(String value) {
        return value.endsWith(" ") ? value.substring(0, value.length() - 1) + "X" : value;
    }

    private static String track2(int length) {
        String track = "4761739001010010=22122011758900000000000";
        return track.substring(0, length);
    }

    private static String cycle(String alphabet, int start, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt((start + i) % alphabet.length()));
        }
        return out.toString();
    }

    private static String pick(String alphabet, Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
