package io.tapbus.connector.phone.mm7;

import java.util.Locale;

/**
 * The state of an MM at one recipient in an MM7 delivery report (the {@code MMStatus} element, 3GPP TS 23.140
 * §8.4.2, schema type {@code mmDeliveryStatusType}). {@link #settled()} tells whether the state will change again.
 */
public enum MmStatus {
    RETRIEVED("Retrieved"), REJECTED("Rejected"), EXPIRED("Expired"), DEFERRED("Deferred"),
    UNRECOGNISED("Unrecognised"), INDETERMINATE("Indeterminate"), FORWARDED("Forwarded"), UNREACHABLE("Unreachable");

    private final String wire;

    MmStatus(String wire) {
        this.wire = wire;
    }

    /** The element text, as the schema spells it. */
    public String wire() {
        return wire;
    }

    /** Deferred (the phone took the notification and not the message yet) is the one state that still changes. */
    public boolean settled() {
        return this != DEFERRED;
    }

    /** The state for an element text, matched without regard to case; null when the text names none. */
    public static MmStatus fromWire(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (MmStatus s : values()) {
            if (s.wire.toLowerCase(Locale.ROOT).equals(t)) {
                return s;
            }
        }
        return null;
    }
}
