package io.tapbus.samples.load;

import io.tapbus.connector.reader.FrameType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@code --flow taps}: TAP_REQUESTs of {@code --amount} fen from the generator's own cards (stored value, topped up with
 * 100,000.00 each, daily tap limit 2,000.00: 200,000 taps of 1 fen per card and day); connection n taps card
 * ((n - 1) mod cards) + 1, so with as many cards as connections a card is at one reader at a time. Must be APPROVED.
 */
final class TapFlow extends ReaderFlow {

    private final CardPool pool;
    private final String[] uids;

    TapFlow(BenchOptions o, Rest rest, BenchState state, byte[] masterKey, PrintStream log) {
        super(o, rest, masterKey, log);
        this.pool = rest == null ? null : new CardPool(rest, state, CardPool.Kind.TAPS, log);
        this.uids = new String[o.cards];
        for (int i = 0; i < o.cards; i++) {
            uids[i] = pool == null ? String.format("04C0%04X%06X", 0, i + 1) : pool.uid(i + 1);
        }
    }

    @Override
    public void setUp() throws IOException {
        ensureReaders();
        if (pool != null) {
            pool.checkStillThere();
            pool.ensure(o.cards);
        }
    }

    @Override
    protected FrameType replyType() {
        return FrameType.TAP_RESPONSE;
    }

    @Override
    public Step prepare(int id, double rate, double seconds, boolean warmUp) {
        int count = Step.requests(rate, seconds);
        int[] lanes = new int[count];
        byte[][] payload = new byte[count][];
        long[] seq = new long[count];
        String readerTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < count; i++) {
            int lane = nextLane();
            lanes[i] = lane;
            String body = "{\"cardUid\":\"" + uids[lane % uids.length] + "\",\"amountMinor\":" + o.amount
                    + ",\"currency\":\"CNY\",\"readerTime\":\"" + readerTime + "\",\"correlationId\":\"lg-" + runId + "-" + id
                    + "-" + i + "\"}";
            payload[i] = frame(FrameType.TAP_REQUEST, lane, body.getBytes(StandardCharsets.UTF_8), seq, i);
        }
        return new Step(id, rate, seconds, warmUp, lanes, payload, seq);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = super.describe();
        m.put("cards", o.cards);
        m.put("cardUids", uids.length == 0 ? "" : uids[0] + ".." + uids[uids.length - 1]);
        return m;
    }
}
