package io.tapbus.connector.card;

import io.tapbus.connector.card.BerTlv.DataObject;
import java.util.List;
import java.util.Map;

/** The strict reading every card response decoder shares: one template, its data objects, their lengths. */
final class Templates {

    private Templates() {
    }

    /** The one data object the response consists of. */
    static DataObject single(byte[] data, String what) throws CardResponseException {
        List<DataObject> objects = parse(data, what);
        if (objects.size() != 1) {
            throw new CardResponseException(what + ": the answer is " + objects.size()
                    + " data objects instead of one template");
        }
        return objects.get(0);
    }

    /** The data objects inside a constructed one, by tag; a tag that appears twice is refused. */
    static Map<Integer, DataObject> children(DataObject template, String what) throws CardResponseException {
        try {
            return BerTlv.byTag(parse(template.value(), what));
        } catch (BerTlv.TlvException e) {
            throw new CardResponseException(what + ": " + e.getMessage());
        }
    }

    static byte[] required(Map<Integer, DataObject> tags, int tag, String name, int min, int max, String what)
            throws CardResponseException {
        byte[] value = optional(tags, tag, name, min, max, what);
        if (value == null) {
            throw new CardResponseException(what + ": tag " + BerTlv.name(tag) + " (" + name + ") is missing");
        }
        return value;
    }

    /** The value of a primitive data object of {@code min} to {@code max} bytes; null when absent. */
    static byte[] optional(Map<Integer, DataObject> tags, int tag, String name, int min, int max, String what)
            throws CardResponseException {
        DataObject object = tags.get(tag);
        if (object == null) {
            return null;
        }
        if (object.constructed() || object.length() < min || object.length() > max) {
            throw new CardResponseException(what + ": tag " + BerTlv.name(tag) + " (" + name + ") is not "
                    + (min == max ? min + " bytes" : min + " to " + max + " bytes"));
        }
        return object.value();
    }

    private static List<DataObject> parse(byte[] data, String what) throws CardResponseException {
        try {
            return BerTlv.parse(data);
        } catch (BerTlv.TlvException e) {
            throw new CardResponseException(what + ": " + e.getMessage());
        }
    }
}
