package io.tapbus.connector.card;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data object list (EMV 4.3 Book 3 5.4): the tags and lengths of the data a card asks the terminal for, in order,
 * such as its CDOL1 (8C) or PDOL (9F38). The data itself is the values one after the other, without tags or lengths.
 * {@link #TAPBUS_CDOL1} is the CDOL1 of the TapBus payment card, which the reader connector, the POS gateway and the
 * issuer all read the cryptogram input with.
 */
public record Dol(List<Element> elements) {

    /** One entry: a tag, the length of its value in the data, and its name in EMV's words (for reasons). */
    public record Element(int tag, int length, String name) {
    }

    /**
     * The TapBus CDOL1: amount authorised (9F02, n12), amount other (9F03, n12), terminal country code (9F1A, n3),
     * TVR (95), transaction currency code (5F2A, n3), transaction date (9A, YYMMDD), transaction type (9C, n2),
     * unpredictable number (9F37): 29 bytes.
     */
    public static final Dol TAPBUS_CDOL1 = new Dol(List.of(
            new Element(0x9F02, 6, "amount authorised"),
            new Element(0x9F03, 6, "amount other"),
            new Element(0x9F1A, 2, "terminal country code"),
            new Element(0x95, 5, "terminal verification results"),
            new Element(0x5F2A, 2, "transaction currency code"),
            new Element(0x9A, 3, "transaction date"),
            new Element(0x9C, 1, "transaction type"),
            new Element(0x9F37, 4, "unpredictable number")));

    public Dol {
        elements = List.copyOf(elements);
    }

    /** The bytes of the data this list asks for. */
    public int length() {
        return elements.stream().mapToInt(Element::length).sum();
    }

    /** Where the value of {@code tag} starts in the data. */
    public int offset(int tag) {
        int offset = 0;
        for (Element element : elements) {
            if (element.tag() == tag) {
                return offset;
            }
            offset += element.length();
        }
        throw notInList(tag);
    }

    /** The element of {@code tag}. */
    public Element element(int tag) {
        for (Element element : elements) {
            if (element.tag() == tag) {
                return element;
            }
        }
        throw notInList(tag);
    }

    private static IllegalArgumentException notInList(int tag) {
        return new IllegalArgumentException("tag " + BerTlv.name(tag) + " is not in this list");
    }

    /**
     * The data: each element's value, in order.
     *
     * @throws IllegalArgumentException naming the tag when a value is missing or not its element's length
     */
    public byte[] join(Map<Integer, byte[]> values) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Element element : elements) {
            byte[] value = values.get(element.tag());
            if (value == null || value.length != element.length()) {
                throw new IllegalArgumentException("tag " + BerTlv.name(element.tag()) + " (" + element.name()
                        + ") is missing or not " + element.length() + " bytes");
            }
            data.writeBytes(value);
        }
        return data.toByteArray();
    }

    /** The values of the data by tag, in order. */
    public Map<Integer, byte[]> split(byte[] data) {
        if (data.length != length()) {
            throw new IllegalArgumentException("the data is " + data.length + " bytes, the list asks for " + length());
        }
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        int offset = 0;
        for (Element element : elements) {
            values.put(element.tag(), Arrays.copyOfRange(data, offset, offset + element.length()));
            offset += element.length();
        }
        return values;
    }
}
