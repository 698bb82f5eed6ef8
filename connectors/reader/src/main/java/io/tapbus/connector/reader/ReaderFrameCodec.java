package io.tapbus.connector.reader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes and decodes reader protocol v1 frames (see docs/reader-protocol.md). Pure byte arrays, no I/O:
 * the Netty decoder and the blocking client both cut frames with {@link #frameLength(byte[], int)} and
 * hand complete frames to {@link #decode(byte[])}.
 */
public final class ReaderFrameCodec {

    public static final byte MAGIC_0 = 0x54; // 'T'
    public static final byte MAGIC_1 = 0x42; // 'B'
    public static final int VERSION = 1;
    /** Magic, version and the length field L. */
    public static final int PREFIX_LENGTH = 5;
    public static final int MAX_FRAME_LENGTH = 4096;
    public static final int MAX_READER_ID_LENGTH = 32;
    /** Smallest L: type, sequence, n, a one-character reader id, b, empty body, MAC. */
    public static final int MIN_L = 1 + 8 + 1 + 1 + 2 + 8;
    /** The reader id an ERROR reply carries when the rejected frame's reader id could not be read. */
    public static final String UNKNOWN_READER_ID = "-";

    private static final int MAX_REASON_LENGTH = 400;

    private ReaderFrameCodec() {
    }

    /**
     * Encodes a frame. The MAC is computed under {@code key}; a null key gives the all-zero MAC, which is
     * only legitimate in an ERROR reply to a frame whose reader is unknown.
     *
     * @throws IllegalArgumentException when the fields cannot form a valid v1 frame
     */
    public static byte[] encode(FrameType type, long sequence, String readerId, byte[] body, byte[] key) {
        if (type == null) {
            throw new IllegalArgumentException("type is missing");
        }
        if (sequence < 0 || (sequence == 0 && type != FrameType.ERROR)) {
            throw new IllegalArgumentException("sequence must be > 0 (0 is allowed only in ERROR replies)");
        }
        if (!isValidReaderId(readerId)) {
            throw new IllegalArgumentException("reader id must be 1..32 characters of [A-Za-z0-9._-]");
        }
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length == 0 && type.requiresBody()) {
            throw new IllegalArgumentException(type + " needs a JSON body");
        }
        int n = readerId.length();
        int l = 1 + 8 + 1 + n + 2 + payload.length + ReaderMac.MAC_LENGTH;
        if (PREFIX_LENGTH + l > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame would be " + (PREFIX_LENGTH + l) + " bytes, max " + MAX_FRAME_LENGTH);
        }
        ByteBuffer buf = ByteBuffer.allocate(PREFIX_LENGTH + l);
        buf.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).putShort((short) l);
        buf.put(type.code()).putLong(sequence);
        buf.put((byte) n).put(readerId.getBytes(StandardCharsets.US_ASCII));
        buf.putShort((short) payload.length).put(payload);
        int signedLength = buf.position();
        byte[] frame = buf.array();
        if (key != null) {
            byte[] mac = ReaderMac.mac8(key, frame, 0, signedLength);
            System.arraycopy(mac, 0, frame, signedLength, ReaderMac.MAC_LENGTH);
        }
        return frame;
    }

    /** An ERROR frame with body {@code {"code":..,"reason":..}}; null key gives the zero MAC. */
    public static byte[] errorFrame(ErrorCode code, String reason, String readerId, long sequence, byte[] key) {
        String id = isValidReaderId(readerId) ? readerId : UNKNOWN_READER_ID;
        String shortReason = reason == null ? code.name()
                : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        byte[] body = new ErrorBody(code.name(), shortReason).toJson();
        return encode(FrameType.ERROR, Math.max(0, sequence), id, body, key);
    }

    /** The ERROR reply to a frame the decoder rejected. */
    public static byte[] errorFrame(RejectedFrame rejected, byte[] key) {
        return errorFrame(rejected.code(), rejected.reason(), rejected.readerId(), rejected.sequence(), key);
    }

    /** The ERROR reply to a frame rejected by the codec or the authenticator. */
    public static byte[] errorFrame(FrameException rejected, byte[] key) {
        return errorFrame(rejected.code(), rejected.reason(), rejected.readerId(), rejected.sequence(), key);
    }

    /**
     * Checks the first {@code available} bytes of a frame (up to 5 are looked at) and, once the length
     * field is in, returns the total frame length. Returns -1 while fewer than 5 bytes are available.
     * Bad magic or version is reported as soon as the offending byte arrives.
     */
    public static int frameLength(byte[] prefix, int available) throws FrameException {
        if (available >= 1 && prefix[0] != MAGIC_0 || available >= 2 && prefix[1] != MAGIC_1) {
            throw new FrameException(ErrorCode.MALFORMED, "bad magic: a frame starts with 0x54 0x42 (\"TB\")");
        }
        if (available >= 3 && prefix[2] != VERSION) {
            throw new FrameException(ErrorCode.UNSUPPORTED_VERSION,
                    String.format("protocol version 0x%02X is not supported; this server speaks 0x01", prefix[2] & 0xFF));
        }
        if (available < PREFIX_LENGTH) {
            return -1;
        }
        int l = ((prefix[3] & 0xFF) << 8) | (prefix[4] & 0xFF);
        int total = PREFIX_LENGTH + l;
        if (total > MAX_FRAME_LENGTH) {
            throw new FrameException(ErrorCode.OVERSIZED, "frame of " + total + " bytes exceeds the maximum of " + MAX_FRAME_LENGTH);
        }
        if (l < MIN_L) {
            throw new FrameException(ErrorCode.MALFORMED, "length field " + l + " is below the minimum of " + MIN_L);
        }
        return total;
    }

    /**
     * Validates the structure of one complete frame and splits it into fields. Does NOT check the MAC.
     *
     * @throws FrameException MALFORMED, OVERSIZED, TRUNCATED, UNSUPPORTED_VERSION, UNKNOWN_TYPE or BAD_BODY
     */
    public static ReaderFrame decode(byte[] frame) throws FrameException {
        int got = frame == null ? 0 : frame.length;
        if (got < PREFIX_LENGTH) {
            if (got > 0) {
                frameLength(frame, got); // a wrong magic or version says more than "too short"
            }
            throw new FrameException(ErrorCode.TRUNCATED, "incomplete frame: got " + got + " bytes, the header alone is " + PREFIX_LENGTH);
        }
        int total = frameLength(frame, PREFIX_LENGTH);
        if (frame.length < total) {
            throw new FrameException(ErrorCode.TRUNCATED, "incomplete frame: got " + frame.length + " of " + total + " bytes");
        }
        if (frame.length > total) {
            throw new FrameException(ErrorCode.MALFORMED,
                    (frame.length - total) + " bytes follow the MAC; the length field says the frame is " + total + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(frame);
        byte typeCode = buf.get(5);
        long sequence = buf.getLong(6);
        int n = frame[14] & 0xFF;
        int macOffset = total - ReaderMac.MAC_LENGTH;
        if (n < 1 || n > MAX_READER_ID_LENGTH) {
            throw new FrameException(ErrorCode.MALFORMED, "reader id length " + n + " is outside 1.." + MAX_READER_ID_LENGTH,
                    null, Math.max(0, sequence));
        }
        if (15 + n + 2 > macOffset) {
            throw new FrameException(ErrorCode.MALFORMED, "reader id length " + n + " runs past the end of the frame",
                    null, Math.max(0, sequence));
        }
        String readerId = readerId(frame, 15, n);
        if (readerId == null) {
            throw new FrameException(ErrorCode.MALFORMED, "reader id must be ASCII letters, digits, '.', '_' or '-'",
                    null, Math.max(0, sequence));
        }
        int b = buf.getShort(15 + n) & 0xFFFF;
        int l = total - PREFIX_LENGTH;
        int expectedL = 1 + 8 + 1 + n + 2 + b + ReaderMac.MAC_LENGTH;
        if (l != expectedL) {
            throw new FrameException(ErrorCode.MALFORMED, "length field " + l + " does not match reader id length " + n
                    + " and body length " + b + " (expected " + expectedL + ")", readerId, Math.max(0, sequence));
        }
        Optional<FrameType> type = FrameType.fromCode(typeCode);
        if (type.isEmpty()) {
            throw new FrameException(ErrorCode.UNKNOWN_TYPE, String.format("frame type 0x%02X is not defined in v1", typeCode & 0xFF),
                    readerId, Math.max(0, sequence));
        }
        if (sequence <= 0 && !(sequence == 0 && type.get() == FrameType.ERROR)) {
            throw new FrameException(ErrorCode.MALFORMED, "sequence must be > 0, got " + sequence, readerId, 0);
        }
        int bodyOffset = 17 + n;
        byte[] body = Arrays.copyOfRange(frame, bodyOffset, bodyOffset + b);
        if (b == 0 && type.get().requiresBody()) {
            throw new FrameException(ErrorCode.BAD_BODY, type.get() + " needs a JSON body", readerId, sequence);
        }
        if (!isUtf8(body)) {
            throw new FrameException(ErrorCode.BAD_BODY, "body is not valid UTF-8", readerId, sequence);
        }
        return new ReaderFrame(VERSION, type.get(), sequence, readerId, body,
                Arrays.copyOfRange(frame, macOffset, total), Arrays.copyOf(frame, macOffset));
    }

    /** 1..32 characters of [A-Za-z0-9._-]. */
    public static boolean isValidReaderId(String readerId) {
        if (readerId == null || readerId.isEmpty() || readerId.length() > MAX_READER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < readerId.length(); i++) {
            if (!isReaderIdChar(readerId.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String readerId(byte[] frame, int off, int n) {
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            char c = (char) (frame[off + i] & 0xFF);
            if (!isReaderIdChar(c)) {
                return null;
            }
            chars[i] = c;
        }
        return new String(chars);
    }

    private static boolean isReaderIdChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
