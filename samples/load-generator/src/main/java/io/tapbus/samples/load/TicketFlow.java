package io.tapbus.samples.load;

import io.tapbus.connector.reader.FrameType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --flow tickets}: gates validating e-tickets on the reader port (TICKET_VALIDATE, docs/tickets.md). Set-up
 * (REST, not timed): a ticket seller {@code bench-tickets} and {@code --cards} free day passes (kind PASS, every zone).
 * Connection n presents pass ((n - 1) mod passes) + 1 at a gate line of its own per request, so anti-passback never
 * applies and every answer must be {@code "outcome":"OPEN"}: each validation is a signature check (ECDSA P-256), a
 * ticket-validation decision and a durable use (last line and time) through the write path.
 */
final class TicketFlow extends ReaderFlow {
    static final byte[] OPEN = "\"outcome\":\"OPEN\"".getBytes(StandardCharsets.US_ASCII);
    private static final String SELLER = "bench-tickets";

    private final List<String> payloads = new ArrayList<>();

    TicketFlow(BenchOptions o, Rest rest, byte[] masterKey, PrintStream log) {
        super(o, rest, masterKey, log);
    }

    @Override
    public void setUp() throws IOException {
        ensureReaders();
        Rest.expect(rest.post("/partners", "{\"partnerId\":\"" + SELLER + "\",\"name\":\"Bench tickets\",\"kind\":\"MERCHANT\"}"),
                "POST /partners", 201, 409);
        String token = Rest.expect(rest.post("/partners/" + SELLER + "/credentials", "{\"roles\":[\"ticket-seller\"]}"),
                "POST /partners/" + SELLER + "/credentials", 201).body().path("token").asText();
        Rest seller = rest.withToken(token);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String[] got = new String[o.cards];
        List<Rest.IoTask> tasks = new ArrayList<>();
        for (int i = 0; i < o.cards; i++) {
            int n = i;
            tasks.add(() -> got[n] = Rest.expect(seller.post("/tickets", "{\"idempotencyKey\":\"bench-" + runId + "-" + n
                    + "\",\"kind\":\"PASS\",\"product\":\"METRO-DAY\",\"zones\":\"*\",\"validFrom\":\"" + now.minusSeconds(3600)
                    + "\",\"validUntil\":\"" + now.plusSeconds(86_400) + "\"}"), "POST /tickets", 201).body().path("payload").asText());
        }
        long began = System.nanoTime();
        seller.all(tasks);
        seller.close();
        payloads.addAll(List.of(got));
        log.printf("bench: --flow tickets: %d day passes issued in %.1f s%n", got.length, (System.nanoTime() - began) / 1e9);
    }

    @Override
    protected FrameType replyType() {
        return FrameType.TICKET_RESULT;
    }

    @Override
    protected byte[] expected() {
        return OPEN;
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
            String body = "{\"validationId\":\"" + runId + "-" + id + "-" + i + "\",\"ticket\":\"" + payloads.get(lane % payloads.size())
                    + "\",\"gateLine\":\"L-" + runId + "-" + id + "-" + i + "\",\"zone\":\"1\",\"readerTime\":\"" + readerTime + "\"}";
            payload[i] = frame(FrameType.TICKET_VALIDATE, lane, body.getBytes(StandardCharsets.UTF_8), seq, i);
        }
        return new Step(id, rate, seconds, warmUp, lanes, payload, seq);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = super.describe();
        m.remove("amountMinor");
        m.put("passes", o.cards);
        m.put("ticketKind", "PASS");
        return m;
    }
}
