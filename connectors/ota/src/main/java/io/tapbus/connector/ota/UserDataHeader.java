package io.tapbus.connector.ota;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The user data header of an SMS (3GPP TS 23.040 clause 9.2.3.24): UDHL, then information elements (IEI, length,
 * data). Reading refuses a header that claims more octets than the message has, or an element that runs past the
 * header: both are what a header that lies about its length looks like.
 */
public record UserDataHeader(List<Element> elements, int length) {

    /** Concatenated short messages, 8-bit reference. */
    public static final int CONCATENATION = 0x00;
    /** Concatenated short messages, 16-bit reference. */
    public static final int CONCATENATION_16 = 0x08;
    /** Command packet identifier (CPI) of TS 31.115. */
    public static final int COMMAND_PACKET = 0x70;
    /** Response packet identifier (RPI) of TS 31.115. */
    public static final int RESPONSE_PACKET = 0x71;

    public record Element(int id, byte[] data) {
        public Element {
            if (id < 0 || id > 0xFF || data.length > 0xFF) {
                throw new IllegalArgumentException("an information element has a one-octet id and length");
            }
        }
    }

    public UserDataHeader {
        elements = List.copyOf(elements);
    }

    /** Reads the header at the start of {@code userData}; {@link #length()} counts UDHL and everything it covers. */
    public static UserDataHeader read(byte[] userData) throws OtaException {
        if (userData.length == 0) {
            throw OtaException.malformed("no user data header: the user data is empty");
        }
        int udhl = userData[0] & 0xFF;
        if (1 + udhl > userData.length) {
            throw OtaException.malformed("the user data header lies about its length: UDHL says " + udhl
                    + " octets, only " + (userData.length - 1) + " follow");
        }
        List<Element> elements = new ArrayList<>();
        int offset = 1;
        int end = 1 + udhl;
        while (offset < end) {
            if (offset + 2 > end) {
                throw OtaException.malformed(String.format("the user data header lies about its length: an"
                        + " element starts at octet %d but UDHL %d leaves no room for its length", offset, udhl));
            }
            int id = userData[offset] & 0xFF;
            int length = userData[offset + 1] & 0xFF;
            if (offset + 2 + length > end) {
                throw OtaException.malformed(String.format("the user data header lies about its length: element"
                        + " %02X says %d octets but UDHL %d ends the header after %d", id, length, udhl,
                        end - offset - 2));
            }
            elements.add(new Element(id, Arrays.copyOfRange(userData, offset + 2, offset + 2 + length)));
            offset += 2 + length;
        }
        return new UserDataHeader(elements, end);
    }

    public Optional<Element> element(int id) {
        return elements.stream().filter(e -> e.id() == id).findFirst();
    }

    public boolean has(int id) {
        return element(id).isPresent();
    }

    /** UDHL followed by the elements. */
    public static byte[] encode(Element... elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Element element : elements) {
            body.write(element.id());
            body.write(element.data().length);
            body.writeBytes(element.data());
        }
        if (body.size() > 0xFF) {
            throw new IllegalArgumentException("a user data header is at most 255 octets");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
