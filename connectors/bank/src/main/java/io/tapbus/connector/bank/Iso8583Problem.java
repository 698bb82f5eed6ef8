package io.tapbus.connector.bank;

/** What is wrong with a message that cannot be decoded or encoded. */
public enum Iso8583Problem {
    /** The MTI is four digits but not one this packager defines. */
    UNKNOWN_MTI,
    /** The MTI is not four decimal digits. */
    BAD_MTI,
    /** The bitmap is not hex (ascii packager) or sets no field. */
    BAD_BITMAP,
    /** The bitmap (or the message to encode) has a field the packager does not define. */
    UNDEFINED_FIELD,
    /** A length prefix is not a number, or a length is over the field's maximum or not the fixed length. */
    BAD_LENGTH,
    /** A value does not fit its type: a non-digit in an n field, a control character in ans, odd hex in b. */
    BAD_VALUE,
    /** The message ends inside the MTI, the bitmap or a field. */
    TRUNCATED,
    /** Bytes are left over after the last field the bitmap announces. */
    TRAILING_BYTES,
    /** The length header is not a length (4 ASCII digits that are not digits): the stream cannot be read on. */
    BAD_LENGTH_HEADER,
    /** The link has a TPDU configured and the frame does not start with one. */
    MISSING_TPDU,
    /** The frame starts with a TPDU and the link has none configured. */
    UNEXPECTED_TPDU
}
