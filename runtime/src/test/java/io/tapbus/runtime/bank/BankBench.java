package io.tapbus.runtime.bank;

import io.tapbus.runtime.db.Database;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.Mode;
import io.tapbus.samples.bank.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * What a bank gateway test stands on: a real embedded H2 database (PostgreSQL mode, the Flyway migrations) in its own
 * folder, the bank host simulator on a free loopback port, and the gateways the test starts (all closed at the end).
 */
final class BankBench implements AutoCloseable {
    static final String PAN = "4761739001010010";
    static final String DECLINED_PAN = "4000000000000002";

    final Database database;
    private final String[] simulatorArgs;
    private final List<BankGateway> gateways = new ArrayList<>();
    private BankSimulator bank;
    private int port;

    private BankBench(Database database, String... simulatorArgs) throws Exception {
        this.database = database;
        this.simulatorArgs = simulatorArgs;
        database.migrate();
        if (simulatorArgs != null) {
            startBank(0);
        }
    }

    /** An H2 database of its own and a simulator started with {@code simulatorArgs} (port and control port set here). */
    static BankBench h2(String... simulatorArgs) throws Exception {
        return new BankBench(h2Database(), simulatorArgs);
    }

    /** An H2 database of its own and no bank host: the test brings its own (jPOS). */
    static BankBench h2WithoutSimulator() throws Exception {
        return new BankBench(h2Database(), (String[]) null);
    }

    private static Database h2Database() throws Exception {
        Path dir = Path.of("target", "bank-h2-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        return new Database("jdbc:h2:file:" + dir + "/tapbus;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", "tapbus", "test", 8);
    }

    static BankBench on(Database database, String... simulatorArgs) throws Exception {
        return new BankBench(database, simulatorArgs);
    }

    private void startBank(int onPort) throws Exception {
        String[] args = Stream.concat(Stream.of("--port", String.valueOf(onPort), "--control-port", "off"),
                Stream.of(simulatorArgs)).toArray(String[]::new);
        bank = new BankSimulator(SimulatorOptions.parse(args), line -> { }).start();
        port = bank.port();
    }

    BankSimulator bank() {
        return bank;
    }

    void mode(Mode mode) {
        bank.behaviour().mode(mode);
    }

    /** Stops the bank host: its connections close and its port refuses. */
    void stopBank() {
        bank.close();
    }

    /** A new bank host on the same port (with an empty journal). */
    void startBankAgain() throws Exception {
        startBank(port);
    }

    List<JournalEntry> journal(JournalEntry.Kind kind) {
        return bank.journal().entries(kind);
    }

    BankSettings settings(Duration timeout) {
        return new BankSettings("127.0.0.1", port, "ascii", timeout, Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(1), "10000001", "TB");
    }

    /** A started gateway (closed with the bench) on a signed-on link. */
    BankGateway signedOnGateway(BankSettings settings) throws InterruptedException {
        BankGateway gateway = gateway(settings);
        eventually(Duration.ofSeconds(10), gateway::signedOn, "gateway signed on");
        return gateway;
    }

    BankGateway gateway(BankSettings settings) {
        BankGateway gateway = new BankGateway(settings, database.jdbi()).start();
        gateways.add(gateway);
        return gateway;
    }

    static BankRequest purchase(String paymentId, String pan, long amountMinor) {
        return new BankRequest(BankRequest.Kind.FINANCIAL, paymentId, pan, "01", "2812", amountMinor, "156",
                "demo-shop", "R-001", "9F2608C2A7F2B3D4E5F6079F360200A1");
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    /** The bank_message row of a payment, column name to value (the last one when there are several). */
    Map<String, Object> message(String paymentId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT * FROM bank_message WHERE payment_id = ? "
                + "ORDER BY message_id DESC FETCH FIRST 1 ROWS ONLY").bind(0, paymentId).mapToMap().one());
    }

    Optional<Map<String, Object>> reversal(String paymentId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT * FROM bank_reversal WHERE payment_id = ?")
                .bind(0, paymentId).mapToMap().findOne());
    }

    String reversalState(String paymentId) {
        return reversal(paymentId).map(r -> (String) r.get("state")).orElse(null);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void eventually(Duration within, Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception | AssertionError notYet) {
                // try again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            Thread.sleep(25);
        }
    }

    @Override
    public void close() {
        gateways.forEach(BankGateway::close);
        if (bank != null) {
            bank.close();
        }
        database.close();
    }
}
