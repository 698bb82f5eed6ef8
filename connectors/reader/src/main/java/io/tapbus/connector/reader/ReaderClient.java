package io.tapbus.connector.reader;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking reader-side client: one TCP connection, one outstanding request at a time. Used by the
 * simulator, the load generator and integration tests. Not thread-safe; use one client per thread.
 */
public final class ReaderClient implements Closeable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Shared by all clients in the JVM so that two clients of the same reader never reuse a sequence. */
    private static final AtomicLong LAST_SEQUENCE = new AtomicLong();

    private final String readerId;
    private final byte[] key;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public ReaderClient(String host, int port, String readerId, byte[] key16) throws IOException {
        this(host, port, readerId, key16, DEFAULT_TIMEOUT);
    }

    /** @param timeout both the connect timeout and the read timeout for each reply */
    public ReaderClient(String host, int port, String readerId, byte[] key16, Duration timeout) throws IOException {
        if (!ReaderFrameCodec.isValidReaderId(readerId)) {
            throw new IllegalArgumentException("reader id must be 1..32 characters of [A-Za-z0-9._-]");
        }
        if (key16 == null || key16.length != ReaderMac.KEY_LENGTH) {
            throw new IllegalArgumentException("reader key must be 16 bytes");
        }
        this.readerId = readerId;
        this.key = key16.clone();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(millis);
            s.connect(new InetSocketAddress(host, port), millis);
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    public String readerId() {
        return readerId;
    }

    /**
     * A sequence larger than any this JVM handed out before and than the clock's microseconds, so a
     * restarted reader does not replay old sequences: max(last + 1, currentTimeMillis * 1000).
     */
    public long nextSequence() {
        long clock = System.currentTimeMillis() * 1000;
        return LAST_SEQUENCE.updateAndGet(last -> Math.max(last + 1, clock));
    }

    /**
     * Sends one MACed frame and returns the reply: the matching reply type or ERROR. The reply must echo
     * the sequence (an ERROR reply may carry 0 when the server could not read it). Replies other than ERROR
     * must name this reader and carry a valid MAC; an ERROR reply's MAC is checked when it is not all zeros
     * (zeros mean the server did not know the reader). An ERROR reply is returned, not thrown.
     *
     * @throws FrameException when the reply itself is malformed or fails these checks
     */
    public ReaderFrame send(FrameType type, long sequence, byte[] body) throws IOException, FrameException {
        ReaderFrame reply = verifyReply(sendRaw(ReaderFrameCodec.encode(type, sequence, readerId, body, key)), sequence);
        FrameType expected = type.replyType().orElse(null);
        if (reply.type() != FrameType.ERROR && expected != null && reply.type() != expected) {
            throw new FrameException(ErrorCode.UNKNOWN_TYPE, "a " + type + " was answered with " + reply.type(),
                    reply.readerId(), reply.sequence());
        }
        return reply;
    }

    /**
     * Decodes reply bytes (from {@link #sendRaw(byte[])} or {@link #readFrame()}) and applies the checks
     * {@link #send(FrameType, long, byte[])} applies.
     */
    public ReaderFrame verifyReply(byte[] reply, long sequence) throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(reply);
        checkReply(frame, sequence);
        return frame;
    }

    /** The frame this client would send, MACed with its key; for tests that tamper with it before {@link #sendRaw}. */
    public byte[] encode(FrameType type, long sequence, byte[] body) {
        return ReaderFrameCodec.encode(type, sequence, readerId, body, key);
    }

    /** Sends a TAP_REQUEST with the next sequence. */
    public ReaderFrame tap(TapRequest request) throws IOException, FrameException {
        return send(FrameType.TAP_REQUEST, nextSequence(), request.toJson());
    }

    /** Sends a PAYMENT_REQUEST with the next sequence; the reply is a PAYMENT_RESPONSE or an ERROR. */
    public ReaderFrame pay(PaymentRequest request) throws IOException, FrameException {
        return send(FrameType.PAYMENT_REQUEST, nextSequence(), request.toJson());
    }

    /** Sends a CARD_WRITE_RESULT with the next sequence; the reply is a CARD_WRITE_ACK or an ERROR. */
    public ReaderFrame cardWriteResult(CardWriteResult result) throws IOException, FrameException {
        return send(FrameType.CARD_WRITE_RESULT, nextSequence(), result.toJson());
    }

    /** Sends a bare HEARTBEAT with the next sequence. */
    /** MEMBERSHIP_ADD: a retailer card read at the reader, to be merged onto the universal card (§16). */
    public ReaderFrame membershipAdd(MembershipAddRequest request) throws IOException, FrameException {
        return send(FrameType.MEMBERSHIP_ADD, nextSequence(), request.toJson());
    }

    public ReaderFrame heartbeat() throws IOException, FrameException {
        return send(FrameType.HEARTBEAT, nextSequence(), new byte[0]);
    }

    /**
     * Writes the bytes as they are (forged, replayed or malformed frames) and returns the bytes of the one
     * reply frame, unchecked.
     *
     * @throws EOFException when the server closes the connection without a complete reply
     */
    public byte[] sendRaw(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        return readFrame();
    }

    /** Reads one frame from the connection, e.g. a second reply; times out after the read timeout. */
    public byte[] readFrame() throws IOException {
        byte[] prefix = new byte[ReaderFrameCodec.PREFIX_LENGTH];
        readExactly(prefix, 0, prefix.length);
        int total;
        try {
            total = ReaderFrameCodec.frameLength(prefix, prefix.length);
        } catch (FrameException e) {
            throw new IOException("server sent an unreadable frame: " + e.getMessage());
        }
        byte[] frame = Arrays.copyOf(prefix, total);
        readExactly(frame, prefix.length, total - prefix.length);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void checkReply(ReaderFrame reply, long sequence) throws FrameException {
        boolean error = reply.type() == FrameType.ERROR;
        if (reply.sequence() != sequence && !(error && reply.sequence() == 0)) {
            throw new FrameException(ErrorCode.MALFORMED, "reply sequence " + reply.sequence()
                    + " does not echo request sequence " + sequence, reply.readerId(), reply.sequence());
        }
        if (error && reply.hasZeroMac()) {
            return;
        }
        if (!error && !reply.readerId().equals(readerId)) {
            throw new FrameException(ErrorCode.UNKNOWN_READER, "reply is addressed to reader " + reply.readerId(),
                    reply.readerId(), reply.sequence());
        }
        byte[] signed = reply.signedBytes();
        if (!ReaderMac.verify(key, signed, 0, signed.length, reply.mac())) {
            throw new FrameException(ErrorCode.BAD_MAC, "reply MAC does not verify under the reader key",
                    reply.readerId(), reply.sequence());
        }
    }

    private void readExactly(byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int read = in.read(buffer, offset + done, length - done);
            if (read < 0) {
                throw new EOFException("connection closed after " + done + " of " + length + " expected bytes");
            }
            done += read;
        }
    }
}
