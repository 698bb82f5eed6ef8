package io.tapbus.samples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The load generator's own cards on the bus, provisioned through the REST API (user, card, bind, top-up, payment
 * application) the first time they are needed and remembered in {@link BenchState}. Card {@code n} of a kind has UID
 * {@code 04C<kind><pool><n, 6 hex>} and PAN {@code 6212<kind><pool, 4 digits><n, 7 digits>}, PSN 00, expiry 3012, issuer
 * key label {@code tapbus-demo}.
 *
 * <p>Payment cards are drawn one after another and never twice in a run: the shipped {@code payment-authorize} rules decline a
 * card's 11th payment within ten minutes (VELOCITY_EXCEEDED), so a card pays at most {@code --payments-per-card} times
 * per run, and a card used in the last ten minutes (this run or an earlier one) is skipped for a fresh one. Every card
 * of a run starts at the highest ATC the pool used so far, so the bus never sees an ATC twice.
 */
final class CardPool {

    enum Kind {
        TAPS(0, true, null), STORED_VALUE(1, true, "STORED_VALUE"), BANK(2, false, "BANK");

        final int digit;
        final boolean topUp;
        final String funding;

        Kind(int digit, boolean topUp, String funding) {
            this.digit = digit;
            this.topUp = topUp;
            this.funding = funding;
        }
    }

    static final long TOP_UP_MINOR = 10_000_000L;
    static final long VELOCITY_WINDOW_MS = 10 * 60_000L + 30_000L;
    static final String ISSUER_KEY_LABEL = "tapbus-demo";
    static final String PSN = "00";
    static final String EXPIRY = "3012";

    private final Rest rest;
    private final BenchState state;
    private final Kind kind;
    private final PrintStream log;
    private final String key;
    private final int poolNumber;
    private int provisioned;
    private int known;
    private int cursor;
    private final List<long[]> recent = new ArrayList<>();
    private final BitSet usedNow = new BitSet();
    private boolean userReady;

    CardPool(Rest rest, BenchState state, Kind kind, PrintStream log) {
        this.rest = rest;
        this.state = state;
        this.kind = kind;
        this.log = log;
        this.key = "cards." + kind.name();
        this.poolNumber = Integer.parseInt(state.pool(), 16);
        this.provisioned = (int) state.getLong(key + ".provisioned", 0);
        this.known = provisioned;
        this.cursor = (int) Math.max(1, state.getLong(key + ".cursor", 1));
        String saved = state.get(key + ".recent");
        long now = System.currentTimeMillis();
        if (saved != null) {
            for (String r : saved.split(";")) {
                String[] parts = r.split("[-@]");
                if (parts.length == 3) {
                    long[] range = {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                    if (now - range[2] < VELOCITY_WINDOW_MS) {
                        recent.add(range);
                    }
                }
            }
        }
    }

    Kind kind() {
        return kind;
    }

    String uid(int n) {
        return String.format("04C%d%04X%06X", kind.digit, poolNumber, n);
    }

    String pan(int n) {
        return String.format("6212%d%04d%07d", kind.digit, poolNumber % 10_000, n);
    }

    private String msisdn() {
        return String.format("+86137%d%04d00", kind.digit, poolNumber % 10_000);
    }

    /** The bus was started afresh since the pool was provisioned (its first card is unknown): forget the pool. */
    void checkStillThere() throws IOException {
        if (provisioned == 0) {
            return;
        }
        Rest.Reply r = rest.get("/cards/" + uid(1));
        if (r.status() == 404) {
            log.printf("bench: the bus does not know this generator's %s cards any more (a fresh bus?): provisioning anew%n",
                    kind);
            provisioned = 0;
            known = 0;
            cursor = 1;
            recent.clear();
        } else {
            Rest.expect(r, "GET /cards/" + uid(1), 200);
        }
    }

    /** The next payment card (1-based number) not used in the last ten minutes; provision it with {@link #ensure()}. */
    int draw() {
        if (cursor > known && usable(1)) {
            cursor = 1;
        }
        while (cursor <= known && !usable(cursor)) {
            cursor = known + 1;
        }
        int c = cursor++;
        usedNow.set(c);
        known = Math.max(known, c);
        return c;
    }

    private boolean usable(int n) {
        if (usedNow.get(n)) {
            return false;
        }
        for (long[] r : recent) {
            if (n >= r[0] && n <= r[1]) {
                return false;
            }
        }
        return true;
    }

    /** Makes sure cards 1..{@code upTo} exist (taps: a fixed set). */
    void ensure(int upTo) throws IOException {
        known = Math.max(known, upTo);
        ensure();
    }

    /** Provisions every card drawn so far that the bus does not have yet. */
    void ensure() throws IOException {
        if (known <= provisioned) {
            return;
        }
        long began = System.nanoTime();
        if (!userReady) {
            Rest.expect(rest.post("/users", "{\"msisdn\":\"" + msisdn() + "\",\"name\":\"TapBus load generator " + kind + "\"}"),
                    "POST /users", 201, 409);
            userReady = true;
        }
        List<Rest.IoTask> tasks = new ArrayList<>();
        for (int n = provisioned + 1; n <= known; n++) {
            int card = n;
            tasks.add(() -> provision(card));
        }
        rest.all(tasks);
        log.printf("bench: provisioned %s cards %d..%d through the REST API in %.1f s%n", kind, provisioned + 1, known,
                (System.nanoTime() - began) / 1e9);
        provisioned = known;
        state.setLong(key + ".provisioned", provisioned);
        try {
            state.save();
        } catch (IOException e) {
            log.println("bench: cannot save " + state.file() + ": " + e.getMessage());
        }
    }

    private void provision(int n) throws IOException {
        String uid = uid(n);
        Rest.Reply issued = Rest.expect(rest.post("/cards", "{\"cardUid\":\"" + uid + "\",\"currency\":\"CNY\"}"),
                "POST /cards", 201, 409);
        if (issued.status() == 409) {
            issued = Rest.expect(rest.get("/cards/" + uid), "GET /cards/" + uid, 200);
        }
        String accountId = issued.body().path("accountId").asText();
        if (!"ACTIVE".equals(issued.body().path("status").asText())) {
            Rest.expect(rest.post("/cards/" + uid + "/bind", "{\"msisdn\":\"" + msisdn() + "\"}"), "POST /cards/{uid}/bind",
                    200);
        }
        if (kind.topUp) {
            Rest.expect(rest.post("/accounts/" + accountId + "/topups", "{\"amountMinor\":" + TOP_UP_MINOR + "}",
                    "loadgen-topup-" + uid), "POST /accounts/{id}/topups", 200, 201);
        }
        if (kind.funding != null) {
            Rest.expect(rest.post("/payment-cards", "{\"cardUid\":\"" + uid + "\",\"pan\":\"" + pan(n) + "\",\"psn\":\""
                    + PSN + "\",\"funding\":\"" + kind.funding + "\",\"issuerKeyLabel\":\"" + ISSUER_KEY_LABEL + "\"}"),
                    "POST /payment-cards", 201, 409);
        }
    }

    /** The ATC every card of this run starts from (its first payment uses the next one). */
    int atcBase() {
        return (int) state.getLong(key + ".atc", 0);
    }

    /** Remembers the cards used now (velocity), the cursor and the highest ATC; saves the state. */
    void finishRun(int highestAtc) throws IOException {
        long now = System.currentTimeMillis();
        for (int from = usedNow.nextSetBit(0); from >= 0; ) {
            int to = usedNow.nextClearBit(from) - 1;
            recent.add(new long[] {from, to, now});
            from = usedNow.nextSetBit(to + 1);
        }
        StringBuilder s = new StringBuilder();
        for (long[] r : recent) {
            if (now - r[2] < VELOCITY_WINDOW_MS) {
                s.append(s.length() == 0 ? "" : ";").append(r[0]).append('-').append(r[1]).append('@').append(r[2]);
            }
        }
        state.set(key + ".recent", s.length() == 0 ? null : s.toString());
        state.setLong(key + ".cursor", cursor);
        state.setLong(key + ".atc", Math.max(atcBase(), highestAtc));
        state.save();
    }
}
