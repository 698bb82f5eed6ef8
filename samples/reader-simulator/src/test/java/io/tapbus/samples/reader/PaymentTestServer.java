package io.tapbus.samples.reader;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.bytes.ByteArrayEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.ArqcVerification;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.CardWrite;
import io.tapbus.connector.reader.CardWriteAck;
import io.tapbus.connector.reader.CardWriteResult;
import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.InMemoryReplayGuard;
import io.tapbus.connector.reader.PaymentRequest;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderAuthenticator;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReaderFrameDecoder;
import io.tapbus.connector.reader.ReaderKey;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.RejectedFrame;
import io.tapbus.connector.reader.TapResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny issuer behind the reader protocol, standing in for the bus's payment route in the agent's tests: the
 * connector's decoder and authenticator check framing, MAC and sequence; connectors/card's {@link CardCryptogramService}
 * verifies the ARQC under the same issuer master key the simulated card was personalised from and computes the ARPC
 * (method 2). Accounts are kept per PAN in memory; a payment is approved when the account covers it, and the new
 * balance goes back as a BALANCE card write. Payments are idempotent per (reader, correlationId). Readers R-DEMO-* and
 * R-BENCH-* (the payment bench) are known, with keys diversified from the reader master key.
 */
final class PaymentTestServer implements AutoCloseable {

    static final String IMK_LABEL = "imk-ac";
    static final byte[] CSU_APPROVED = Hex.parse("00800000");
    static final byte[] CSU_DECLINED = Hex.parse("00000000");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ReaderAuthenticator authenticator;
    private final CardCryptogramService issuer;
    private final Map<String, Long> balances = new ConcurrentHashMap<>();
    private final Map<String, PaymentResponse> answered = new ConcurrentHashMap<>();
    private final Map<String, String> transactions = new ConcurrentHashMap<>();
    private final List<PaymentRequest> payments = new CopyOnWriteArrayList<>();
    private final List<CardWriteResult> writeResults = new CopyOnWriteArrayList<>();
    private final AtomicLong transactionIds = new AtomicLong();
    private final Channel serverChannel;
    private volatile boolean alsoWriteTicket;

    PaymentTestServer(byte[] readerMasterKey, byte[] issuerMasterKey) throws InterruptedException {
        authenticator = new ReaderAuthenticator(id -> id.startsWith("R-DEMO-") || id.startsWith(ReaderLoadGenerator.READER_PREFIX)
                ? Optional.of(new ReaderKey(ReaderKeys.diversify(readerMasterKey, id), true))
                : Optional.empty(), new InMemoryReplayGuard());
        issuer = new CardCryptogramService(InMemoryIssuerKeys.of(IMK_LABEL, issuerMasterKey), IMK_LABEL, new AtcReplayGuard());
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new IdleStateHandler(2, 0, 0, TimeUnit.SECONDS), new ReaderFrameDecoder(),
                                new ByteArrayEncoder(), new Responder());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void openAccount(String pan, long balanceMinor) {
        balances.put(pan, balanceMinor);
    }

    /** Approved payments also carry a TICKET write (the card stores it) and a COUPON write (it cannot). */
    void alsoWriteTicket(boolean on) {
        alsoWriteTicket = on;
    }

    List<PaymentRequest> payments() {
        return new ArrayList<>(payments);
    }

    List<CardWriteResult> writeResults() {
        return new ArrayList<>(writeResults);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private PaymentResponse pay(String readerId, PaymentRequest request) {
        payments.add(request);
        String idempotencyKey = readerId + "/" + request.correlationId();
        PaymentResponse earlier = answered.get(idempotencyKey);
        if (earlier != null) {
            return earlier;
        }
        PaymentResponse response = decide(request);
        answered.put(idempotencyKey, response);
        return response;
    }

    /** The bus's reason for a card check that failed (payment-authorize): a replayed ATC, else an invalid cryptogram. */
    private static ReasonCode reasonCode(ArqcVerification verification) {
        return verification.verdict() == ArqcVerification.Verdict.REPLAYED_ATC ? ReasonCode.ATC_REPLAYED
                : ReasonCode.CRYPTOGRAM_INVALID;
    }

    private synchronized PaymentResponse decide(PaymentRequest request) {
        String transactionId = "T-" + transactionIds.incrementAndGet();
        CardId card = new CardId(request.card().pan(), request.card().psn());
        ArqcInput input = new ArqcInput(request.cdol1Bytes(), request.aipBytes(), request.atcValue(), request.iadBytes());
        ArqcVerification verification = issuer.verify(card, input, request.arqcBytes());
        if (!verification.valid()) {
            return new PaymentResponse(PaymentResponse.Verdict.DECLINED,
                    List.of(new TapResponse.Reason(reasonCode(verification).name(), verification.reason())), transactionId,
                    request.correlationId(), null, null, null, null, null);
        }
        long amount = request.transaction().amountMinor();
        Long balance = balances.get(request.card().pan());
        if (balance == null || balance < amount) {
            byte[] arpc = issuer.arpcMethod2(card, request.atcValue(), request.arqcBytes(), CSU_DECLINED, new byte[0]);
            return new PaymentResponse(PaymentResponse.Verdict.DECLINED,
                    List.of(new TapResponse.Reason(ReasonCode.INSUFFICIENT_FUNDS.name(), "the account does not cover the amount")),
                    transactionId, request.correlationId(), Hex.of(arpc), Hex.of(CSU_DECLINED), "3531", balance, null);
        }
        long after = balance - amount;
        balances.put(request.card().pan(), after);
        transactions.put(transactionId, request.correlationId());
        byte[] arpc = issuer.arpcMethod2(card, request.atcValue(), request.arqcBytes(), CSU_APPROVED, new byte[0]);
        List<CardWrite> writes = alsoWriteTicket ? List.of(CardWrite.balance(after), CardWrite.ticket("TK-1", "0102"),
                CardWrite.coupon("CP-1", "0304"))
                : List.of(CardWrite.balance(after));
        return new PaymentResponse(PaymentResponse.Verdict.APPROVED, List.of(), transactionId, request.correlationId(),
                Hex.of(arpc), Hex.of(CSU_APPROVED), "3030", after, writes);
    }

    private final class Responder extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof RejectedFrame rejected) {
                reply(ctx, ReaderFrameCodec.errorFrame(rejected, key(rejected.readerId())), rejected.closeConnection());
                return;
            }
            ReaderFrame frame = (ReaderFrame) msg;
            try {
                authenticator.authenticate(frame);
                byte[] key = key(frame.readerId());
                byte[] body = switch (frame.type()) {
                    case PAYMENT_REQUEST -> pay(frame.readerId(), PaymentRequest.parse(frame)).toJson();
                    case CARD_WRITE_RESULT -> {
                        CardWriteResult result = CardWriteResult.parse(frame);
                        writeResults.add(result);
                        yield new CardWriteAck(result.transactionId(), transactions.containsKey(result.transactionId())).toJson();
                    }
                    case HEARTBEAT -> new byte[0];
                    default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, frame.type() + " is not a request",
                            frame.readerId(), frame.sequence());
                };
                FrameType replyType = frame.type().replyType().orElseThrow();
                reply(ctx, ReaderFrameCodec.encode(replyType, frame.sequence(), frame.readerId(), body, key), false);
            } catch (FrameException e) {
                reply(ctx, ReaderFrameCodec.errorFrame(e, key(e.readerId())), e.closesConnection());
            }
        }

        private byte[] key(String readerId) {
            return readerId == null ? null : authenticator.replyKey(readerId).orElse(null);
        }

        private void reply(ChannelHandlerContext ctx, byte[] frame, boolean close) {
            var written = ctx.writeAndFlush(frame);
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
