package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.KEY;
import static io.tapbus.connector.reader.TestFrames.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handlers inside a real camel-netty TCP consumer, exercised over real sockets with {@link ReaderClient}:
 * proves the registry wiring ({@code decoders=#readerIdle,#readerDecoder&encoders=#readerEncoder}) and the
 * close-after-reply behaviour.
 */
class ReaderNettyRouteTest {

    private static final byte[] MASTER = TestFrames.hex("00112233445566778899aabbccddeeff");

    private static CamelContext camel;
    private static int port;

    @BeforeAll
    static void startRoute() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Map<String, ReaderKey> readers = Map.of(READER, new ReaderKey(KEY, true));
        ReaderKeyResolver keys = id -> Optional.ofNullable(readers.get(id))
                .or(() -> id.startsWith("R-LOAD-") ? Optional.of(new ReaderKey(ReaderKeys.diversify(MASTER, id), true)) : Optional.empty());
        ProtocolGateway gateway = new ProtocolGateway(new ReaderAuthenticator(keys, new InMemoryReplayGuard()));

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("readerIdle", ReaderChannelHandlers.idleHandler(Duration.ofMillis(400)));
        camel.getRegistry().bind("readerDecoder", ReaderChannelHandlers.frameDecoder());
        camel.getRegistry().bind("readerEncoder", ReaderChannelHandlers.bytesEncoder());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("netty:tcp://127.0.0.1:" + port
                        + "?sync=true&decoders=#readerIdle,#readerDecoder&encoders=#readerEncoder")
                        .routeId("reader-protocol-test")
                        .process(gateway);
            }
        });
        camel.start();
    }

    @AfterAll
    static void stopRoute() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void approvesATapAndVerifiesTheReplyMac() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            long sequence = client.nextSequence();
            ReaderFrame reply = client.send(FrameType.TAP_REQUEST, sequence,
                    new TapRequest(ProtocolGateway.FUNDED_CARD, 1250, "CNY", "2026-11-25T18:00:00Z", "c-1").toJson());

            assertThat(reply.type()).isEqualTo(FrameType.TAP_RESPONSE);
            assertThat(reply.sequence()).isEqualTo(sequence);
            TapResponse response = TapResponse.parse(reply.body());
            assertThat(response.verdict()).isEqualTo(TapResponse.Verdict.APPROVED);
            assertThat(response.balanceMinor()).isEqualTo(8750);
            assertThat(response.correlationId()).isEqualTo("c-1");

            ReaderFrame ack = client.heartbeat();
            assertThat(ack.type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
    }

    @Test
    void aPaymentAndItsCardWriteResultTravelOverTheSameConnection() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            ReaderFrame reply = client.pay(PaymentGoldenFrameTest.REQUEST);
            assertThat(reply.type()).isEqualTo(FrameType.PAYMENT_RESPONSE);
            PaymentResponse response = PaymentResponse.parse(reply.body());
            assertThat(response.verdict()).isEqualTo(PaymentResponse.Verdict.APPROVED);
            assertThat(response.correlationId()).isEqualTo("pay-0001");
            assertThat(response.cardWrites()).containsExactly(CardWrite.balance(8750));

            ReaderFrame ack = client.cardWriteResult(new CardWriteResult(response.transactionId(), CardWrite.Kind.BALANCE,
                    null, true, "9000", null));
            assertThat(ack.type()).isEqualTo(FrameType.CARD_WRITE_ACK);
            assertThat(CardWriteAck.parse(ack.body())).isEqualTo(new CardWriteAck(response.transactionId(), true));

            ReaderFrame badBody = client.send(FrameType.PAYMENT_REQUEST, client.nextSequence(),
                    "{\"correlationId\":\"c-2\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(badBody.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(badBody.body()).code()).isEqualTo("BAD_BODY");
            assertThat(client.heartbeat().type()).as("BAD_BODY keeps the connection").isEqualTo(FrameType.HEARTBEAT_ACK);
        }
    }

    @Test
    void aForgedFrameGetsAMacedBadMacAndTheConnectionStaysUsable() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            byte[] forged = ReaderFrameCodec.encode(FrameType.TAP_REQUEST, client.nextSequence(), READER, TestFrames.TAP_BODY, KEY);
            forged[forged.length - 3] ^= 0x10;

            ReaderFrame error = ReaderFrameCodec.decode(client.sendRaw(forged));
            assertThat(error.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(error.body()).code()).isEqualTo("BAD_MAC");
            byte[] signed = error.signedBytes();
            assertThat(ReaderMac.verify(KEY, signed, 0, signed.length, error.mac())).as("error reply is MACed").isTrue();

            assertThat(client.heartbeat().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
    }

    @Test
    void theSameFrameTwiceIsAReplay() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            byte[] frame = ReaderFrameCodec.encode(FrameType.HEARTBEAT, client.nextSequence(), READER, null, KEY);
            assertThat(ReaderFrameCodec.decode(client.sendRaw(frame)).type()).isEqualTo(FrameType.HEARTBEAT_ACK);

            ReaderFrame second = ReaderFrameCodec.decode(client.sendRaw(frame));
            assertThat(second.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(second.body()).code()).isEqualTo("REPLAY");
        }
    }

    @Test
    void anUnknownReaderGetsAnErrorWithTheZeroMac() throws Exception {
        try (ReaderClient client = client("R-STRANGER", KEY)) {
            ReaderFrame reply = client.heartbeat();
            assertThat(reply.type()).isEqualTo(FrameType.ERROR);
            assertThat(reply.hasZeroMac()).isTrue();
            assertThat(ErrorBody.parse(reply.body()).code()).isEqualTo("UNKNOWN_READER");
        }
    }

    @Test
    void garbageGetsMalformedAndTheConnectionIsClosed() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            ReaderFrame reply = ReaderFrameCodec.decode(client.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes()));
            assertThat(ErrorBody.parse(reply.body()).code()).isEqualTo("MALFORMED");
            assertThat(reply.sequence()).isZero();
            assertThat(reply.readerId()).isEqualTo(ReaderFrameCodec.UNKNOWN_READER_ID);
            assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void anOversizedLengthIsAnsweredWithoutWaitingForTheBody() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            ReaderFrame reply = ReaderFrameCodec.decode(client.sendRaw(new byte[] {0x54, 0x42, 0x01, 0x7F, 0x00}));
            assertThat(ErrorBody.parse(reply.body()).code()).isEqualTo("OVERSIZED");
            assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aFrameThatStopsHalfwayIsAnsweredTruncatedAfterTheIdleTimeout() throws Exception {
        try (ReaderClient client = client(READER, KEY)) {
            long sequence = client.nextSequence();
            byte[] frame = ReaderFrameCodec.encode(FrameType.HEARTBEAT, sequence, READER, null, KEY);
            long start = System.nanoTime();
            ReaderFrame reply = ReaderFrameCodec.decode(client.sendRaw(Arrays.copyOf(frame, 30)));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
            assertThat(reply.sequence()).isEqualTo(sequence);
            assertThat(ErrorBody.parse(reply.body()).reason()).startsWith("incomplete frame: got 30 of " + frame.length);
            byte[] signed = reply.signedBytes();
            assertThat(ReaderMac.verify(KEY, signed, 0, signed.length, reply.mac())).isTrue();
            assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void concurrentReadersEachGetTheirOwnDecoder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 1; r <= 4; r++) {
                String readerId = "R-LOAD-" + r;
                results.add(pool.submit(() -> {
                    int approved = 0;
                    try (ReaderClient client = client(readerId, ReaderKeys.diversify(MASTER, readerId))) {
                        for (int i = 0; i < 50; i++) {
                            ReaderFrame reply = client.tap(new TapRequest(ProtocolGateway.FUNDED_CARD, 1, "CNY", "2026-11-25T18:00:00Z", null));
                            approved += TapResponse.parse(reply.body()).verdict() == TapResponse.Verdict.APPROVED ? 1 : 0;
                        }
                    }
                    return approved;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ReaderClient client(String readerId, byte[] key) throws IOException {
        return new ReaderClient("127.0.0.1", port, readerId, key, Duration.ofSeconds(5));
    }
}
