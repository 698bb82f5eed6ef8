package io.tapbus.connector.phone;

/** A mobile-originated text, whole: the parts of a concatenated message already put together. */
public record IncomingSms(SmppAddress source, SmppAddress destination, Alphabet alphabet, String text) {
}
