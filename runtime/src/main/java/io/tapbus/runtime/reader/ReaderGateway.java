package io.tapbus.runtime.reader;

import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderAuthenticator;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.RejectedFrame;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus side of the reader protocol: authenticates frames, turns TAP_REQUEST bodies into taps, and
 * encodes every answer (including negative ones) as a frame MACed with the reader's key.
 */
public final class ReaderGateway {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderGateway.class);

    private final ReaderAuthenticator authenticator;
    private final ReaderRegistry readers;
    private final StageTimers stages;

    public ReaderGateway(ReaderRegistry readers, StageTimers stages) {
        this.readers = readers;
        this.stages = stages;
        this.authenticator = new ReaderAuthenticator(readers, readers);
    }

    /** Verifies reader, MAC and sequence; on success the frame's facts become message headers. */
    public void authenticate(ReaderFrame frame, Exchange exchange) throws FrameException {
        exchange.getMessage().setHeader(ReaderConstants.READER_ID, frame.readerId());
        exchange.getMessage().setHeader(ReaderConstants.READER_SEQUENCE, frame.sequence());
        authenticator.authenticate(frame);
        exchange.getMessage().setHeader(ReaderConstants.FRAME_TYPE, frame.type().name());
    }

    /** Parses and validates a TAP_REQUEST body (BAD_BODY with the reason when it is not as documented). */
    public TapContext toTap(ReaderFrame frame, Exchange exchange) throws FrameException {
        long start = System.nanoTime();
        TapRequest req = TapRequest.parse(frame);
        String correlationId = req.correlationId() != null ? req.correlationId() : UUID.randomUUID().toString();
        exchange.getMessage().setHeader(Exchange.BREADCRUMB_ID, correlationId);
        exchange.getMessage().setHeader(ReaderConstants.CORRELATION_ID, correlationId);
        TapContext tap = new TapContext(frame.readerId(), frame.sequence(),
                new TapRequest(req.cardUid(), req.amountMinor(), req.currency(), req.readerTime(), correlationId), correlationId,
                req.correlationId() != null);
        stages.record("tap", "decode", start);
        return tap;
    }

    public byte[] tapResponse(TapContext tap, Exchange exchange) throws Exception {
        long start = System.nanoTime();
        byte[] frame = reply(exchange, FrameType.TAP_RESPONSE, tap.answer().toJson());
        stages.record("tap", "reply", start);
        return frame;
    }

    /** Frame types a reader may not send (responses, errors) are refused. */
    public void unsupported(ReaderFrame frame) throws FrameException {
        throw new FrameException(ErrorCode.UNKNOWN_TYPE, "a reader may send TAP_REQUEST, PAYMENT_REQUEST, CARD_WRITE_RESULT, TICKET_VALIDATE, TICKET_SYNC, ACCOUNT_QUERY, MEMBERSHIP_ADD or HEARTBEAT, not " + frame.type());
    }

    public byte[] heartbeatAck(Exchange exchange) {
        return reply(exchange, FrameType.HEARTBEAT_ACK, new byte[0]);
    }

    /** A frame the decoder could not read: answer ERROR, and close when the stream is out of step. */
    public byte[] rejected(RejectedFrame rejected, Exchange exchange) {
        LOG.warn("reader frame rejected: {} {} (reader={}, remote={})", rejected.code(), rejected.reason(), rejected.readerId(),
                exchange.getMessage().getHeader("CamelNettyRemoteAddress"));
        if (rejected.closeConnection()) {
            exchange.getMessage().setHeader(ReaderConstants.CLOSE_CHANNEL_WHEN_COMPLETE, true);
        }
        return errorFrame(rejected.readerId(), rejected.sequence(), rejected.code(), rejected.reason(), exchange);
    }

    /** The negative answer for an exception caught while handling a well-formed frame. */
    public byte[] failure(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause(); // an answer that failed in the write path arrives wrapped
        }
        String readerId = exchange.getMessage().getHeader(ReaderConstants.READER_ID, String.class);
        Long seq = exchange.getMessage().getHeader(ReaderConstants.READER_SEQUENCE, Long.class);
        if (cause instanceof FrameException fe) {
            LOG.warn("reader frame refused: {} {} (reader={}, sequence={})", fe.code(), fe.reason(), readerId, seq);
            if (fe.closesConnection()) {
                exchange.getMessage().setHeader(ReaderConstants.CLOSE_CHANNEL_WHEN_COMPLETE, true);
            }
            return errorFrame(readerId, seq == null ? 0 : seq, fe.code(), fe.reason(), exchange);
        }
        if (cause instanceof DomainError de) {
            ErrorCode code = errorCodeOf(de);
            LOG.warn("request from reader {} not applied: {} {} ({})", readerId, code, de.getMessage(), describe(cause.getCause()));
            return errorFrame(readerId, seq == null ? 0 : seq, code, de.getMessage(), exchange);
        }
        // exception messages can carry bound values (card UIDs); the full exception only at DEBUG
        LOG.error("tap from reader {} failed: {}", readerId, describe(cause));
        LOG.debug("tap from reader {} failed", readerId, cause);
        return errorFrame(readerId, seq == null ? 0 : seq, ErrorCode.INTERNAL,
                "the bus could not process the frame; it was not applied", exchange);
    }

    /** The reader protocol's answer to a domain error (docs/reader-protocol.md §7). */
    static ErrorCode errorCodeOf(DomainError error) {
        return switch (error.code()) {
            case SYSTEM_UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            case INVALID_INPUT -> ErrorCode.BAD_BODY;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT, DUPLICATE -> ErrorCode.CONFLICT;
            case FORBIDDEN -> ErrorCode.NOT_PERMITTED;
        };
    }

    private byte[] errorFrame(String readerId, long sequence, ErrorCode code, String reason, Exchange exchange) {
        boolean known = readerId != null && code != ErrorCode.UNKNOWN_READER;
        byte[] key = known ? readers.entry(readerId).map(ReaderRegistry.ReaderEntry::key).orElse(null) : null;
        String id = ReaderFrameCodec.isValidReaderId(readerId) ? readerId : ReaderFrameCodec.UNKNOWN_READER_ID;
        return ReaderFrameCodec.errorFrame(code, reason, id, Math.max(sequence, 0), key);
    }

    private byte[] reply(Exchange exchange, FrameType type, byte[] body) {
        String readerId = exchange.getMessage().getHeader(ReaderConstants.READER_ID, String.class);
        long seq = exchange.getMessage().getHeader(ReaderConstants.READER_SEQUENCE, Long.class);
        byte[] key = readers.entry(readerId).orElseThrow().key();
        return ReaderFrameCodec.encode(type, seq, readerId, body, key);
    }

    /** Exception classes (and SQL states) of a failure, without their messages. */
    static String describe(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null && sb.length() < 500; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql) {
                sb.append("[SQLState ").append(sql.getSQLState()).append(']');
            }
        }
        return sb.length() == 0 ? "unknown" : sb.toString();
    }
}
