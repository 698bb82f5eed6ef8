package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.TapRequest;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the reader-protocol tests share: a running bus, a tap request, raw frame reading over a socket, and the card's
 * balance and history over REST.
 */
abstract class ReaderFlowFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    static TapRequest tap(String card, long amount) {
        return new TapRequest(card, amount, "CNY", Instant.now().toString(), null);
    }

    /** Events of earlier taps may still be on their way (the outbox relay is asynchronous): wait for this tap's. */
    static TextMessage receiveEventOf(MessageConsumer consumer, String transactionId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            TextMessage m = (TextMessage) consumer.receive(1000);
            if (m != null && m.getText().contains(transactionId)) {
                return m;
            }
        }
        throw new AssertionError("no event for " + transactionId + " within 10 s");
    }

    static byte[] readOneFrame(Socket socket) throws IOException {
        byte[] prefix = socket.getInputStream().readNBytes(5);
        if (prefix.length < 5) {
            throw new EOFException("no reply");
        }
        int rest = ((prefix[3] & 0xFF) << 8) | (prefix[4] & 0xFF);
        byte[] tail = socket.getInputStream().readNBytes(rest);
        byte[] all = new byte[5 + tail.length];
        System.arraycopy(prefix, 0, all, 0, 5);
        System.arraycopy(tail, 0, all, 5, tail.length);
        return all;
    }

    static String errorCode(byte[] reply) throws Exception {
        ReaderFrame frame = ReaderFrameCodec.decode(reply);
        assertThat(frame.type()).isEqualTo(FrameType.ERROR);
        return ErrorBody.parse(frame.body()).code();
    }

    static long balance(String card) throws Exception {
        HttpResponse<String> c = bus.get("/cards/" + card, RunningBus.adminToken());
        assertThat(c.statusCode()).isEqualTo(200);
        String account = JSON.readTree(c.body()).path("accountId").asText();
        HttpResponse<String> a = bus.get("/accounts/" + account, RunningBus.adminToken());
        assertThat(a.statusCode()).isEqualTo(200);
        return JSON.readTree(a.body()).path("balanceMinor").asLong();
    }

    static JsonNode history(String card) throws Exception {
        HttpResponse<String> r = bus.get("/cards/" + card + "/history", RunningBus.adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("transactions");
    }

    static JsonNode find(JsonNode rows, String txnId) {
        for (JsonNode row : rows) {
            if (row.path("txnId").asText().equals(txnId)) {
                return row;
            }
        }
        throw new AssertionError("transaction " + txnId + " not in " + rows);
    }
}
