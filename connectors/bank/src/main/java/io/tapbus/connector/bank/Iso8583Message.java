package io.tapbus.connector.bank;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One ISO 8583 message: the MTI and the data elements by field number. Values are strings as the layout defines
 * them (digits for n, text for an/ans, upper-case hex for b). Field 1 (the secondary bitmap) is never a field here:
 * the codec sets it when a field above 64 is present. Immutable.
 *
 * <p>{@link #toString()} is safe to log: the PAN is masked and track data, PIN block and ICC data are left out.
 */
public record Iso8583Message(String mti, SortedMap<Integer, String> fields) {

    public Iso8583Message {
        Objects.requireNonNull(mti, "mti");
        TreeMap<Integer, String> copy = new TreeMap<>();
        fields.forEach((number, value) -> copy.put(Objects.requireNonNull(number, "field number"),
                Objects.requireNonNull(value, () -> "value of field " + number)));
        fields = Collections.unmodifiableSortedMap(copy);
    }

    public static Iso8583Message of(String mti) {
        return new Iso8583Message(mti, new TreeMap<>());
    }

    public static Iso8583Message of(String mti, Map<Integer, String> fields) {
        return new Iso8583Message(mti, new TreeMap<>(fields));
    }

    /** The value of a field, or null when the field is absent. */
    public String field(int number) {
        return fields.get(number);
    }

    public boolean has(int number) {
        return fields.containsKey(number);
    }

    public Iso8583Message with(int number, String value) {
        TreeMap<Integer, String> copy = new TreeMap<>(fields);
        copy.put(number, value);
        return new Iso8583Message(mti, copy);
    }

    public Iso8583Message without(int number) {
        TreeMap<Integer, String> copy = new TreeMap<>(fields);
        copy.remove(number);
        return new Iso8583Message(mti, copy);
    }

    public Iso8583Message withMti(String newMti) {
        return new Iso8583Message(newMti, fields);
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "Iso8583Message[mti=" + mti + ", ", "]");
        fields.forEach((number, value) -> out.add(number + "=" + LogSafe.value(number, value)));
        return out.toString();
    }
}
