package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user data header (3GPP TS 23.040 §9.2.3.24): a length octet (UDHL) and information elements, each an identifier
 * (IEI), a length and data. TapBus writes concatenation (IEI 0x00, 8-bit reference; 0x08, 16-bit reference) and
 * application port addressing with 16-bit ports (IEI 0x05), and reads any element, checking the ones it knows.
 */
public record UserDataHeader(List<Element> elements) {

    public static final int CONCATENATION_8BIT = 0x00;
    public static final int PORTS_8BIT = 0x04;
    public static final int PORTS_16BIT = 0x05;
    public static final int CONCATENATION_16BIT = 0x08;

    /** One information element. */
    public record Element(int identifier, byte[] data) {
        public Element {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** Part {@code sequence} (from 1) of {@code total} parts of the message {@code reference}. */
    public record Concatenation(int reference, int total, int sequence, boolean sixteenBitReference) {
    }

    /** Application port addressing: the port the message goes to and the one it comes from. */
    public record Ports(int destination, int source) {
    }

    public UserDataHeader {
        elements = List.copyOf(elements);
    }

    public static UserDataHeader of(Element... elements) {
        return new UserDataHeader(List.of(elements));
    }

    public static Element concatenation(Concatenation c) {
        if (c.total() < 1 || c.total() > 255 || c.sequence() < 1 || c.sequence() > c.total()) {
            throw new IllegalArgumentException("part " + c.sequence() + " of " + c.total() + " is not a valid part");
        }
        if (c.sixteenBitReference()) {
            return new Element(CONCATENATION_16BIT, new byte[] {(byte) (c.reference() >> 8), (byte) c.reference(),
                (byte) c.total(), (byte) c.sequence()});
        }
        return new Element(CONCATENATION_8BIT, new byte[] {(byte) c.reference(), (byte) c.total(), (byte) c.sequence()});
    }

    public static Element ports(Ports p) {
        return new Element(PORTS_16BIT, new byte[] {(byte) (p.destination() >> 8), (byte) p.destination(),
            (byte) (p.source() >> 8), (byte) p.source()});
    }

    /** Octets of the header with its length octet; none when there are no elements. */
    public byte[] toBytes() {
        if (elements.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        for (Element e : elements) {
            out.write(e.identifier());
            out.write(e.data.length);
            out.writeBytes(e.data);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length - 1 > 255) {
            throw new IllegalArgumentException("a user data header holds at most 255 octets");
        }
        bytes[0] = (byte) (bytes.length - 1);
        return bytes;
    }

    /** Octets the header takes with its length octet. */
    public int length() {
        if (elements.isEmpty()) {
            return 0;
        }
        int n = 1;
        for (Element e : elements) {
            n += 2 + e.data.length;
        }
        return n;
    }

    /**
     * Reads the header at the start of {@code userData} (the UDHI bit says there is one). The length octet must
     * cover whole elements and fit in the data; concatenation and port elements must have their defined lengths and
     * values. Anything else is a {@link PhoneCodecException} that says which rule was broken.
     */
    public static UserDataHeader parse(byte[] userData) {
        if (userData.length == 0) {
            throw new PhoneCodecException(Problem.UDH_LENGTH_MISMATCH, "the UDHI bit is set but the user data is empty");
        }
        int udhl = userData[0] & 0xFF;
        if (udhl + 1 > userData.length) {
            throw new PhoneCodecException(Problem.UDH_LENGTH_MISMATCH, "the user data header claims " + udhl
                    + " octets but only " + (userData.length - 1) + " follow its length octet");
        }
        List<Element> elements = new ArrayList<>();
        int i = 1;
        int end = 1 + udhl;
        while (i < end) {
            if (i + 2 > end) {
                throw new PhoneCodecException(Problem.UDH_LENGTH_MISMATCH, "the user data header length " + udhl
                        + " ends inside the element at octet " + i);
            }
            int iei = userData[i] & 0xFF;
            int length = userData[i + 1] & 0xFF;
            if (i + 2 + length > end) {
                throw new PhoneCodecException(Problem.UDH_LENGTH_MISMATCH, "element 0x" + hex(iei) + " claims " + length
                        + " octets but the user data header (length " + udhl + ") has " + (end - i - 2) + " left");
            }
            byte[] data = java.util.Arrays.copyOfRange(userData, i + 2, i + 2 + length);
            checkElement(iei, data);
            elements.add(new Element(iei, data));
            i += 2 + length;
        }
        return new UserDataHeader(elements);
    }

    private static void checkElement(int iei, byte[] data) {
        int expected = switch (iei) {
            case CONCATENATION_8BIT -> 3;
            case CONCATENATION_16BIT, PORTS_16BIT -> 4;
            case PORTS_8BIT -> 2;
            default -> -1;
        };
        if (expected >= 0 && data.length != expected) {
            throw new PhoneCodecException(Problem.UDH_BAD_ELEMENT, "element 0x" + hex(iei) + " must have " + expected
                    + " octets, got " + data.length);
        }
        if (iei == CONCATENATION_8BIT || iei == CONCATENATION_16BIT) {
            int total = data[data.length - 2] & 0xFF;
            int sequence = data[data.length - 1] & 0xFF;
            if (total == 0 || sequence == 0 || sequence > total) {
                throw new PhoneCodecException(Problem.UDH_BAD_ELEMENT, "concatenation part " + sequence + " of " + total
                        + " is not a valid part");
            }
        }
    }

    /** The concatenation element, if any (the last one wins, as TS 23.040 asks when an element repeats). */
    public Optional<Concatenation> concatenation() {
        Concatenation found = null;
        for (Element e : elements) {
            byte[] d = e.data;
            if (e.identifier() == CONCATENATION_8BIT) {
                found = new Concatenation(d[0] & 0xFF, d[1] & 0xFF, d[2] & 0xFF, false);
            } else if (e.identifier() == CONCATENATION_16BIT) {
                found = new Concatenation(((d[0] & 0xFF) << 8) | (d[1] & 0xFF), d[2] & 0xFF, d[3] & 0xFF, true);
            }
        }
        return Optional.ofNullable(found);
    }

    /** The application port addressing element, if any. */
    public Optional<Ports> ports() {
        Ports found = null;
        for (Element e : elements) {
            byte[] d = e.data;
            if (e.identifier() == PORTS_16BIT) {
                found = new Ports(((d[0] & 0xFF) << 8) | (d[1] & 0xFF), ((d[2] & 0xFF) << 8) | (d[3] & 0xFF));
            } else if (e.identifier() == PORTS_8BIT) {
                found = new Ports(d[0] & 0xFF, d[1] & 0xFF);
            }
        }
        return Optional.ofNullable(found);
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }
}
