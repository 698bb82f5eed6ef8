package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILLs a real bus at random moments while 16 reader connections tap, 20 times in a row; after each
 * restart the readers first retry what was not answered (same correlationId). At the end, straight from
 * the database: every tap recorded exactly once, every answered tap with the answer the reader got,
 * every stored-value balance equal to the sum of its ledger lines, and the books balanced.
 */
class RepeatedKillTest {
    private static final int KILLS = 20;
    private static final int READERS = 16;
    private static final long AMOUNT = 3;
    private final Path data = Path.of("target", "kill-" + System.nanoTime()).toAbsolutePath();
    private final BusProcess process = new BusProcess(data, Map.of("tapbus.demo.bench-readers", String.valueOf(READERS)));
    private final Random random = new Random(7);
    private Process bus;

    /** A tap the test sent: who sent it and the answer, once there is one. */
    private record Sent(String readerId, String card) {}

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, TapResponse> answered = new ConcurrentHashMap<>();

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
    }

    @Test
    void everyAnsweredTapSurvivesTwentyKillsAndNothingIsPostedTwice() throws Exception {
        for (int round = 0; round < KILLS; round++) {
            bus = process.start();
            retryUnanswered();
            load(round, 200 + random.nextInt(1300));
            bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        bus = process.start();
        retryUnanswered();
        bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // the last retries' answers may be in the journal only: a start replays them into the tables before the
        // reader port opens, so once the port accepts, the tables are complete (and synced) even under another kill
        bus = process.start();
        bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(answered).hasSameSizeAs(sent);
        assertThat(sent.size()).as("taps sent over the 20 runs").isGreaterThan(KILLS * 10);
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/tapbus")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "tapbus", "demo-embedded-db"); Statement st = db.createStatement()) {
            Map<String, String[]> recorded = new HashMap<>();
            Map<String, Integer> times = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT correlation_id, txn_id, status FROM txn WHERE kind = 'TAP' AND reader_id LIKE 'R-BENCH-%'")) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    times.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            for (Map.Entry<String, TapResponse> e : answered.entrySet()) {
                assertThat(times.get(e.getKey())).as("tap " + e.getKey() + " recorded once").isEqualTo(1);
                assertThat(recorded.get(e.getKey())[0]).as("the answer the reader got is the one recorded").isEqualTo(e.getValue().transactionId());
                assertThat(recorded.get(e.getKey())[1]).isEqualTo(e.getValue().verdict().name());
            }
            try (ResultSet rs = st.executeQuery("SELECT a.account_id, a.balance_minor, COALESCE(SUM(e.amount_minor), 0) FROM account a"
                    + " LEFT JOIN ledger_entry e ON e.account_id = a.account_id WHERE a.kind = 'STORED_VALUE'"
                    + " GROUP BY a.account_id, a.balance_minor")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("balance of " + rs.getString(1) + " = sum of its lines").isEqualTo(rs.getLong(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).as("trial balance").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ledger_entry e JOIN txn t ON t.txn_id = e.txn_id"
                    + " WHERE t.kind = 'TAP' AND t.status <> 'APPROVED'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("declined taps move no money").isZero();
            }
            long approved = answered.values().stream().filter(r -> r.verdict() == TapResponse.Verdict.APPROVED).count();
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ledger_entry e JOIN txn t ON t.txn_id = e.txn_id"
                    + " WHERE t.kind = 'TAP' AND e.amount_minor = -" + AMOUNT)) {
                rs.next();
                assertThat(rs.getLong(1)).as("one debit per approved tap").isEqualTo(approved);
            }
        }
    }

    /** Each reader taps as fast as it is answered until the bus is killed after {@code millis}. */
    private void load(int round, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        for (int r = 1; r <= READERS; r++) {
            String readerId = String.format("R-BENCH-%03d", r);
            String card = String.format("04BE00000000%02X", (r - 1) % 8 + 1); // two readers share each card
            int reader = r;
            pool.submit(() -> {
                try (ReaderClient client = client(readerId)) {
                    for (int n = 0; !stop.get(); n++) {
                        String id = "K" + round + "-" + reader + "-" + n;
                        sent.put(id, new Sent(readerId, card));
                        answered.put(id, TapResponse.parse(client.tap(tap(card, id)).body()));
                    }
                } catch (Exception lostWithTheBus) {
                    // the bus was killed: what was not answered is retried after the restart
                }
                return null;
            });
        }
        Thread.sleep(millis);
        bus.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // while the readers are tapping
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private void retryUnanswered() throws Exception {
        List<String> open = new ArrayList<>(sent.keySet());
        open.removeAll(answered.keySet());
        Map<String, ReaderClient> clients = new HashMap<>();
        try {
            for (String id : open) {
                Sent s = sent.get(id);
                ReaderClient client = clients.computeIfAbsent(s.readerId(), this::clientUnchecked);
                TapResponse retry = TapResponse.parse(client.tap(tap(s.card(), id)).body());
                answered.put(id, retry);
            }
        } finally {
            for (ReaderClient c : clients.values()) {
                c.close();
            }
        }
    }

    private static TapRequest tap(String card, String correlationId) {
        return new TapRequest(card, AMOUNT, "CNY", Instant.now().toString(), correlationId);
    }

    private ReaderClient clientUnchecked(String readerId) {
        try {
            return client(readerId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ReaderClient client(String readerId) throws Exception {
        return new ReaderClient("127.0.0.1", process.readerPort, readerId, ReaderKeys.diversify(RunningBus.readerMasterKey(), readerId),
                Duration.ofSeconds(10));
    }
}
