package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.samples.bank.BankSimulator;
import io.tapbus.samples.bank.SimulatorOptions;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the chained-POS tests share: a bank host simulator and a running bus that chains the demo POS terminals to it,
 * two simulated TapBus cards (stored value and bank-funded) and the terminal's side of ISO 8583 (purchases, reversals,
 * balances to compare).
 */
abstract class PosChainingFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final byte[] DEMO_IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    static final String TERMINAL = DemoSeeder.POS_TERMINAL;
    static final String CAFE_TERMINAL = "POS00002";
    static final AtomicInteger STAN = new AtomicInteger(1);
    static BankSimulator bank;
    static RunningBus bus;
    static int posPort;
    static String admin;
    static CardReaderAgent storedValueCard;
    static CardReaderAgent bankCard;

    @BeforeAll
    static void start() throws Exception {
        bank = new BankSimulator(SimulatorOptions.parse(new String[] {"--port", "0", "--control-port", "off", "--amount-limit", "2500",
                "--over-limit-code", "51"}), line -> { }).start();
        posPort = RunningBus.freePort();
        bus = new RunningBus(Map.of("tapbus.bank.enabled", "true", "tapbus.bank.port", String.valueOf(bank.port()),
                "tapbus.bank.timeout-ms", "2000", "tapbus.bank.reversal-retry-seconds", "1", "tapbus.pos.port", String.valueOf(posPort)));
        admin = RunningBus.adminToken();
        long deadline = System.currentTimeMillis() + 10_000;
        while (bank.journal().entries().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50); // the gateway signs on first
        }
        HttpResponse<String> cafe = bus.post("/readers", admin, "{\"readerId\":\"" + CAFE_TERMINAL + "\",\"merchantId\":\"demo-cafe\","
                + "\"location\":\"cafe POS\"}");
        assertThat(cafe.statusCode()).as(cafe.body()).isEqualTo(201);
        SimulatedReaders readers = new SimulatedReaders("Sim 0", "Sim 1");
        readers.terminal("Sim 0").insert(SimulatedCard.withApplet(new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK,
                new CardId(DemoSeeder.ACTIVE_CARD_PAN, "00"), YearMonth.of(2030, 12)), 0x0010, 0)));
        readers.terminal("Sim 1").insert(SimulatedCard.withApplet(new TapBusPaymentApplet(CardProfile.personalise(DEMO_IMK,
                new CardId(DemoSeeder.BANK_CARD_PAN, "00"), YearMonth.of(2030, 12)), 0x0010, 0)));
        TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider());
        storedValueCard = CardReaderAgent.forTerminal(factory, "Sim 0");
        bankCard = CardReaderAgent.forTerminal(factory, "Sim 1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    static CardTap tap(CardReaderAgent card, long amountMinor) throws Exception {
        return PosCards.tap(card, amountMinor);
    }

    static String field55(CardTap tap) {
        return PosCards.field55(tap);
    }

    static String nextStan() {
        return String.format("%06d", STAN.getAndIncrement());
    }

    static Iso8583Message purchase(String terminal, String stan, String pan, long amountMinor, String field55) {
        Map<Integer, String> f = new TreeMap<>();
        f.put(2, pan);
        f.put(3, "000000");
        f.put(4, String.format("%012d", amountMinor));
        f.put(7, "0612" + stan); // MMDDhhmmss, unique per STAN here
        f.put(11, stan);
        f.put(22, "071");
        f.put(23, "000");
        f.put(41, terminal);
        f.put(42, "DEMOSHOP0000001");
        f.put(49, "156");
        if (field55 != null) {
            f.put(55, field55);
        }
        return Iso8583Message.of("0200", f);
    }

    static Iso8583Message emvPurchase(String terminal, CardReaderAgent card, String pan, long amountMinor) throws Exception {
        return purchase(terminal, nextStan(), pan, amountMinor, field55(tap(card, amountMinor)));
    }

    /** A reversal of {@code original}, naming it in field 90: MTI, STAN, transmission time, acquirer, forwarder. */
    static Iso8583Message reversal(String mti, Iso8583Message original) {
        String field90 = original.mti() + original.field(11) + original.field(7) + "0".repeat(22);
        return Iso8583Message.of(mti, Map.of(3, "000000", 4, original.field(4), 7, "0613000000", 11, nextStan(), 41,
                original.field(41), 49, "156", 90, field90));
    }

    static long balance(String cardUid) throws Exception {
        JsonNode card = JSON.readTree(bus.get("/cards/" + cardUid, admin).body());
        return JSON.readTree(bus.get("/accounts/" + card.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    static long merchantBalance(String merchantId) throws Exception {
        return JSON.readTree(bus.get("/accounts/" + PartnerService.merchantAccountId(merchantId), admin).body()).path("balanceMinor").asLong();
    }

    static PosClient pos() throws Exception {
        return new PosClient(posPort);
    }
}
