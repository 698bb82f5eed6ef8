package io.tapbus.connector.reader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A structurally valid v1 frame, as cut from the wire by {@link ReaderFrameCodec#decode(byte[])}. Its MAC
 * has NOT been checked yet: pass it through {@link ReaderAuthenticator} before trusting any field.
 *
 * @param body        the UTF-8 JSON body bytes (empty for a bare heartbeat)
 * @param mac         the 8 MAC bytes as received
 * @param signedBytes every byte the MAC covers: header, reader id and body
 */
public record ReaderFrame(int version, FrameType type, long sequence, String readerId,
                          byte[] body, byte[] mac, byte[] signedBytes) {

    public ReaderFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(signedBytes, "signedBytes");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The frame exactly as it travels: signed bytes followed by the MAC. */
    public byte[] frameBytes() {
        byte[] frame = Arrays.copyOf(signedBytes, signedBytes.length + mac.length);
        System.arraycopy(mac, 0, frame, signedBytes.length, mac.length);
        return frame;
    }

    /** True when the MAC is all zeros, i.e. the sender did not (or could not) authenticate the frame. */
    public boolean hasZeroMac() {
        for (byte b : mac) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderFrame other
                && version == other.version
                && type == other.type
                && sequence == other.sequence
                && readerId.equals(other.readerId)
                && Arrays.equals(body, other.body)
                && Arrays.equals(mac, other.mac)
                && Arrays.equals(signedBytes, other.signedBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, type, sequence, readerId, Arrays.hashCode(signedBytes), Arrays.hashCode(mac));
    }

    /** Leaves the body out: it carries card identifiers, which must not reach logs (camel-netty logs bodies). */
    @Override
    public String toString() {
        return "ReaderFrame[v" + version + " " + type + " reader=" + readerId + " seq=" + sequence
                + " body=" + body.length + " bytes]";
    }
}
