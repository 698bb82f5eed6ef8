package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How messages travel on one TCP link: a {@link LengthHeader} in front of each, and optionally a 5-byte
 * {@link Tpdu} between the header and the message (the header counts it). Configured per link: the bank link and
 * the POS port each have their own. {@link #DEFAULT} is a 2-byte binary header without TPDU.
 *
 * <p>{@link #read} checks what a frame holds against the configuration and names what does not match: a frame
 * without the configured TPDU, a TPDU where none is configured, a message shorter or longer than its length header.
 */
public final class Iso8583Framing {

    /** The 2-byte header of {@link #DEFAULT}, for plain socket clients. */
    public static final int PREFIX_LENGTH = 2;
    public static final int MAX_MESSAGE_LENGTH = 0xFFFF;
    public static final Iso8583Framing DEFAULT = new Iso8583Framing(LengthHeader.BINARY2, null);

    private final LengthHeader header;
    private final Tpdu tpdu;

    public Iso8583Framing(LengthHeader header, Tpdu tpdu) {
        this.header = Objects.requireNonNull(header, "header");
        this.tpdu = tpdu;
    }

    /** From settings: {@code binary2} or {@code ascii4}, and a TPDU as 10 hex digits or blank for none. */
    public static Iso8583Framing of(String header, String tpduHex) {
        return new Iso8583Framing(LengthHeader.ofCode(header),
                tpduHex == null || tpduHex.isBlank() ? null : Tpdu.ofHex(tpduHex.strip()));
    }

    public LengthHeader header() {
        return header;
    }

    /** The TPDU this link sends its requests with; empty when the link has none. */
    public Optional<Tpdu> tpdu() {
        return Optional.ofNullable(tpdu);
    }

    /** The message with a 2-byte length prefix and no TPDU, for clients that write to a plain socket. */
    public static byte[] frame(byte[] message) {
        return DEFAULT.wrap(message, null);
    }

    /** The message framed for this link, with the link's TPDU if it has one. */
    public byte[] wrap(byte[] message) {
        return wrap(message, tpdu);
    }

    /** The message framed with this length header and the given TPDU (none when null). */
    public byte[] wrap(byte[] message, Tpdu withTpdu) {
        byte[] tpduBytes = withTpdu == null ? new byte[0] : withTpdu.bytes();
        byte[] length = header.encode(tpduBytes.length + message.length);
        byte[] frame = new byte[length.length + tpduBytes.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(tpduBytes, 0, frame, length.length, tpduBytes.length);
        System.arraycopy(message, 0, frame, length.length + tpduBytes.length, message.length);
        return frame;
    }

    /** What one frame (the bytes its length header announced) held. */
    public record Received(Optional<Tpdu> tpdu, Iso8583Message message) {
    }

    /** Splits off the TPDU, if the link has one, and decodes the message. */
    public Received read(byte[] frame, Iso8583Codec codec) throws Iso8583Exception {
        Tpdu received = null;
        byte[] message = frame;
        if (tpdu != null) {
            if (frame.length < Tpdu.LENGTH || (frame[0] & 0xFF) != tpdu.id()) {
                throw new Iso8583Exception(Iso8583Problem.MISSING_TPDU, 0, "this link expects a 5-byte TPDU"
                        + " starting " + String.format("%02X", tpdu.id()) + " before the MTI; the frame starts with "
                        + (frame.length == 0 ? "nothing" : String.format("%02X", frame[0])), readable(frame, codec));
            }
            received = new Tpdu(Arrays.copyOf(frame, Tpdu.LENGTH));
            message = Arrays.copyOfRange(frame, Tpdu.LENGTH, frame.length);
        }
        try {
            return new Received(Optional.ofNullable(received), codec.decode(message));
        } catch (Iso8583Exception e) {
            throw explained(e, frame, codec);
        }
    }

    /** A failure that the framing explains better: a TPDU nobody configured, a length header that does not fit. */
    private Iso8583Exception explained(Iso8583Exception e, byte[] frame, Iso8583Codec codec) {
        boolean mti = e.problem() == Iso8583Problem.BAD_MTI || e.problem() == Iso8583Problem.UNKNOWN_MTI;
        if (mti && tpdu == null && startsWithTpdu(frame, codec)) {
            return new Iso8583Exception(Iso8583Problem.UNEXPECTED_TPDU, 0, "the frame starts with a 5-byte TPDU ("
                    + Hex.of(Arrays.copyOf(frame, Tpdu.LENGTH)) + ") before the MTI, and this link has none"
                    + " configured", readable(Arrays.copyOfRange(frame, Tpdu.LENGTH, frame.length), codec));
        }
        if (e.problem() == Iso8583Problem.TRUNCATED || e.problem() == Iso8583Problem.TRAILING_BYTES) {
            return new Iso8583Exception(e.problem(), e.field(), "the length header announces " + frame.length
                    + " bytes, which do not hold the message: " + e.getMessage(), e.partial().orElse(null));
        }
        return e;
    }

    /**
     * What of a message that came framed otherwise than configured can be read (so the peer can be answered with a
     * format error and the connection stay up); null when not even its MTI.
     */
    private static Iso8583Message readable(byte[] message, Iso8583Codec codec) {
        try {
            return codec.decode(message);
        } catch (Iso8583Exception e) {
            return e.partial().orElse(null);
        }
    }

    /** A TPDU id (60 or 68) and, after the 5 bytes, an MTI the layout knows. */
    private static boolean startsWithTpdu(byte[] frame, Iso8583Codec codec) {
        if (frame.length <= Tpdu.LENGTH || (frame[0] != 0x60 && frame[0] != 0x68)) {
            return false;
        }
        try {
            codec.decode(Arrays.copyOfRange(frame, Tpdu.LENGTH, frame.length));
            return true;
        } catch (Iso8583Exception e) {
            return e.problem() != Iso8583Problem.BAD_MTI && e.problem() != Iso8583Problem.UNKNOWN_MTI;
        }
    }

    @Override
    public String toString() {
        return header + (tpdu == null ? "" : " with TPDU " + tpdu);
    }
}
