package io.tapbus.samples.load;

import io.netty.buffer.ByteBuf;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReaderMac;
import io.tapbus.connector.reader.TapResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow over the reader protocol: connection {@code n} (0-based) is reader {@code R-BENCH-(n+1)} with its key
 * diversified from the master key, and sends only that reader's frames, with sequences rising by one from
 * {@code epochMillis x 1000} at the start (so above any earlier run). Requests are dealt to the connections in turn.
 * Readers the bus lacks (it seeds {@code tapbus.demo.bench-readers}) are registered through the REST API.
 */
abstract class ReaderFlow implements Flow {

    static final byte[] APPROVED = ("\"verdict\":\"" + TapResponse.Verdict.APPROVED + "\"").getBytes(StandardCharsets.US_ASCII);

    protected final BenchOptions o;
    protected final PrintStream log;
    protected final Rest rest;
    protected final String[] readerIds;
    protected final byte[][] keys;
    protected final long[] nextSequence;
    protected final String runId = Long.toString(System.currentTimeMillis(), 36);
    private long dealt;

    ReaderFlow(BenchOptions o, Rest rest, byte[] masterKey, PrintStream log) {
        this.o = o;
        this.log = log;
        this.rest = rest;
        int n = o.connections;
        readerIds = new String[n];
        keys = new byte[n][];
        nextSequence = new long[n];
        long base = System.currentTimeMillis() * 1000;
        for (int i = 0; i < n; i++) {
            readerIds[i] = readerId(i + 1);
            keys[i] = ReaderKeys.diversify(masterKey, readerIds[i]);
            nextSequence[i] = base;
        }
    }

    static String readerId(int n) {
        return String.format("R-BENCH-%03d", n);
    }

    @Override
    public OpenLoopEngine.Protocol protocol() {
        return OpenLoopEngine.Protocol.READER;
    }

    @Override
    public String host() {
        return o.host;
    }

    @Override
    public int port() {
        return o.port;
    }

    @Override
    public int connections() {
        return o.connections;
    }

    /** Registers R-BENCH-nnn readers the bus does not have (merchant demo-shop); their keys come from the master key. */
    void ensureReaders() throws IOException {
        if (rest == null) {
            return;
        }
        Rest.Reply list = Rest.expect(rest.get("/readers"), "GET /readers", 200);
        Set<String> have = new HashSet<>();
        list.body().forEach(r -> have.add(r.path("readerId").asText()));
        List<Rest.IoTask> tasks = new ArrayList<>();
        for (String id : readerIds) {
            if (!have.contains(id)) {
                tasks.add(() -> Rest.expect(rest.post("/readers", "{\"readerId\":\"" + id
                        + "\",\"merchantId\":\"demo-shop\",\"location\":\"load generator\"}"), "POST /readers", 201, 409));
            }
        }
        if (!tasks.isEmpty()) {
            long began = System.nanoTime();
            rest.all(tasks);
            log.printf("bench: registered %d readers the bus did not have (R-BENCH-nnn, keys from the master key) in %.1f s;"
                    + " -Dtapbus.demo.bench-readers=%d seeds them at the bus's start%n", tasks.size(),
                    (System.nanoTime() - began) / 1e9, o.connections);
        }
    }

    /** The lanes of a step's requests, dealt in turn over the connections (continuing from the last step). */
    protected int nextLane() {
        return (int) (dealt++ % o.connections);
    }

    /** Encodes the frame of the next request of {@code lane}; returns its sequence through {@code seq[i]}. */
    protected byte[] frame(FrameType type, int lane, byte[] body, long[] seq, int i) {
        long s = nextSequence[lane]++;
        seq[i] = s;
        return ReaderFrameCodec.encode(type, s, readerIds[lane], body, keys[lane]);
    }

    protected abstract FrameType replyType();

    /** The bytes a right answer's body contains. */
    protected byte[] expected() {
        return APPROVED;
    }

    /** The first part of a not-approved answer for the summary (e.g. "DECLINED VELOCITY_EXCEEDED"). */
    static String describe(byte[] body) {
        try {
            var node = Rest.JSON.readTree(body);
            String verdict = node.path("verdict").asText(node.path("outcome").asText("NO_VERDICT"));
            var reasons = node.path("reasons");
            return reasons.isArray() && reasons.size() > 0 ? verdict + " " + (reasons.get(0).isTextual() ? reasons.get(0).asText()
                    : reasons.get(0).path("code").asText()) : verdict;
        } catch (IOException e) {
            return "INVALID_REPLY";
        }
    }

    @Override
    public String check(Step step, int index, int lane, Object reply) {
        ByteBuf f = (ByteBuf) reply;
        int start = f.readerIndex();
        int total = f.readableBytes();
        int type = f.getUnsignedByte(start + 5);
        long seq = f.getLong(start + 6);
        int n = f.getUnsignedByte(start + 14);
        int bodyLength = f.getUnsignedShort(start + 15 + n);
        int bodyAt = start + 17 + n;
        if (type == (FrameType.ERROR.code() & 0xFF)) {
            byte[] body = new byte[bodyLength];
            f.getBytes(bodyAt, body);
            try {
                return "ERROR " + Rest.JSON.readTree(body).path("code").asText("?");
            } catch (IOException e) {
                return "ERROR ?";
            }
        }
        if (seq != step.sequence[index]) {
            return "SEQUENCE_MISMATCH";
        }
        if (type != (replyType().code() & 0xFF)) {
            return "UNEXPECTED_TYPE";
        }
        if (o.verifyMac) {
            byte[] frame = new byte[total];
            f.getBytes(start, frame);
            byte[] mac = java.util.Arrays.copyOfRange(frame, total - ReaderMac.MAC_LENGTH, total);
            if (!ReaderMac.verify(keys[lane], frame, 0, total - ReaderMac.MAC_LENGTH, mac)) {
                return "BAD_REPLY_MAC";
            }
        }
        if (!contains(f, bodyAt, bodyLength, expected())) {
            byte[] body = new byte[bodyLength];
            f.getBytes(bodyAt, body);
            return describe(body);
        }
        return null;
    }

    static boolean contains(ByteBuf f, int from, int length, byte[] needle) {
        int last = from + length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (f.getByte(i + k) != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", o.host + ":" + o.port);
        m.put("connections", o.connections);
        m.put("readers", "R-BENCH-001..R-BENCH-" + String.format("%03d", o.connections));
        m.put("amountMinor", o.amount);
        return m;
    }
}
