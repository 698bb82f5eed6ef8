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
import io.tapbus.samples.bank.JournalEntry;
import io.tapbus.samples.bank.SimulatorOptions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An existing ISO 8583 POS terminal chained through a running TapBus: a plain-socket terminal (connectors/bank codec
 * and framing) pays with simulated TapBus cards whose ARQCs the bus verifies; stored value settles on the platform,
 * bank-funded cards go to the bank host simulator; answers, reversals and bad input in the terminal's own terms.
 */
class PosChainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] DEMO_IMK = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    private static final String TERMINAL = DemoSeeder.POS_TERMINAL;
    private static final String CAFE_TERMINAL = "POS00002";
    private static final AtomicInteger STAN = new AtomicInteger(1);
    private static BankSimulator bank;
    private static RunningBus bus;
    private static int posPort;
    private static String admin;
    private static CardReaderAgent storedValueCard;
    private static CardReaderAgent bankCard;

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

    // ---- the terminal's side ----

    private static CardTap tap(CardReaderAgent card, long amountMinor) throws Exception {
        return PosCards.tap(card, amountMinor);
    }

    private static String field55(CardTap tap) {
        return PosCards.field55(tap);
    }

    private static String nextStan() {
        return String.format("%06d", STAN.getAndIncrement());
    }

    private static Iso8583Message purchase(String terminal, String stan, String pan, long amountMinor, String field55) {
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

    private static Iso8583Message emvPurchase(String terminal, CardReaderAgent card, String pan, long amountMinor) throws Exception {
        return purchase(terminal, nextStan(), pan, amountMinor, field55(tap(card, amountMinor)));
    }

    /** A reversal of {@code original}, naming it in field 90: MTI, STAN, transmission time, acquirer, forwarder. */
    private static Iso8583Message reversal(String mti, Iso8583Message original) {
        String field90 = original.mti() + original.field(11) + original.field(7) + "0".repeat(22);
        return Iso8583Message.of(mti, Map.of(3, "000000", 4, original.field(4), 7, "0613000000", 11, nextStan(), 41,
                original.field(41), 49, "156", 90, field90));
    }

    private static long balance(String cardUid) throws Exception {
        JsonNode card = JSON.readTree(bus.get("/cards/" + cardUid, admin).body());
        return JSON.readTree(bus.get("/accounts/" + card.path("accountId").asText(), admin).body()).path("balanceMinor").asLong();
    }

    private static long merchantBalance(String merchantId) throws Exception {
        return JSON.readTree(bus.get("/accounts/" + PartnerService.merchantAccountId(merchantId), admin).body()).path("balanceMinor").asLong();
    }

    private static PosClient pos() throws Exception {
        return new PosClient(posPort);
    }

    // ---- network management ----

    @Test
    void anEchoIsAnswered() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(Iso8583Message.of("0800", Map.of(7, "0612120000", 11, "000777", 70, "301")));

            assertThat(answer.mti()).isEqualTo("0810");
            assertThat(answer.field(39)).isEqualTo("00");
            assertThat(answer.field(11)).isEqualTo("000777");
            assertThat(answer.field(70)).isEqualTo("301");
        }
    }

    // ---- stored value ----

    @Test
    void aStoredValuePurchaseIsApprovedPostedOnceAndAnsweredTheSameWhenRepeated() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        Iso8583Message request = emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 1250);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(request);
            Iso8583Message repeat = pos.send(request);

            assertThat(answer.mti()).isEqualTo("0210");
            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("00");
            assertThat(answer.field(38)).hasSize(6);
            assertThat(answer.field(37)).matches("[0-9]{12}");
            assertThat(answer.field(11)).isEqualTo(request.field(11));
            assertThat(answer.field(41)).isEqualTo(TERMINAL);
            assertThat(answer.field(42)).isEqualTo(request.field(42));
            assertThat(answer.has(2)).as("the PAN is not echoed").isFalse();
            assertThat(answer.field(54)).as("the balance left, as POS terminals print it")
                    .isEqualTo("0002156C" + String.format("%012d", before - 1250));
            assertThat(answer.field(55)).as("ARPC and CSU for the card (tag 91)").matches("9108[0-9A-F]{16}");
            assertThat(repeat).as("the same STAN and field 7: the recorded answer").isEqualTo(answer);
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("posted once").isEqualTo(before - 1250);
        }
    }

    @Test
    void aForgedCryptogramIsDeclinedWith05() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        CardTap tap = tap(storedValueCard, 900);
        String genuine = field55(tap);
        String arqc = HEX.formatHex(tap.arqc());
        String forged = genuine.replace("9F2608" + arqc, "9F2608" + arqc.substring(0, 15) + (arqc.charAt(15) == '0' ? '1' : '0'));
        assertThat(forged).isNotEqualTo(genuine);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 900, forged));

            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("05");
            assertThat(answer.has(38)).isFalse();
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void overThePosSingleLimitIsDeclinedWith61() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 600_000));

            assertThat(answer.field(39)).as("over 5000.00 (also over the balance: the limit is named first)").isEqualTo("61");
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void unknownOrDisabledTerminalsGet58() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message unknown = pos.send(purchase("POS99999", nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null));
            assertThat(unknown.field(39)).isEqualTo("58");
            assertThat(unknown.field(41)).isEqualTo("POS99999");
        }
    }

    @Test
    void aPurchaseWithoutCryptogramOrWithBrokenIccDataIsRefused() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message noCryptogram = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null));
            Iso8583Message brokenTlv = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, "9F2608AABBCC"));
            Iso8583Message refund = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null).with(3, "200000"));

            assertThat(noCryptogram.field(39)).as("card present needs the ARQC").isEqualTo("05");
            assertThat(brokenTlv.field(39)).as("malformed field 55").isEqualTo("30");
            assertThat(refund.field(39)).as("only purchases are chained").isEqualTo("12");
        }
    }

    @Test
    void theLoyaltyDiscountOfDemoCafeIsInField54() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(CAFE_TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 4000));

            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("00");
            assertThat(answer.field(4)).as("the amount asked is echoed").isEqualTo("000000004000");
            assertThat(answer.field(54)).as("5% off at demo-cafe: 2.00, then the balance")
                    .isEqualTo("0090156C000000000200" + "0002156C" + String.format("%012d", before - 3800));
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 3800);
    }

    // ---- bank-funded ----

    @Test
    void aBankFundedCardIsApprovedOrDeclinedByTheBankInItsOwnCode() throws Exception {
        int approvedBefore = bank.journal().entries(JournalEntry.Kind.APPROVED).size();
        try (PosClient pos = pos()) {
            Iso8583Message approved = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 2000));
            Iso8583Message overBankLimit = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 2800));

            assertThat(approved.field(39)).as(approved.toString()).isEqualTo("00");
            assertThat(approved.field(38)).hasSize(6);
            assertThat(approved.has(54)).as("no stored value balance for a bank card").isFalse();
            assertThat(bank.journal().entries(JournalEntry.Kind.APPROVED)).hasSize(approvedBefore + 1);
            assertThat(overBankLimit.field(39)).as("the bank's own code (its over-limit code is 51 here)").isEqualTo("51");
        }
    }

    @Test
    void aBankFundedPurchaseAboveTheConfirmationLimitAsksForStepUp() throws Exception {
        int bankRequests = bank.journal().entries().size();
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 150_000));

            assertThat(answer.field(39)).as("above 1000.00 at a POS: the card holder confirms on the phone").isEqualTo("1A");
        }
        assertThat(bank.journal().entries()).as("the bank is not asked before the confirmation").hasSize(bankRequests);
    }

    // ---- reversals ----

    @Test
    void aReversalRefundsTheCardOnceAndAnUnknownOriginalGets25() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        long merchantBefore = merchantBalance("demo-shop");
        Iso8583Message purchase = emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 700);
        try (PosClient pos = pos()) {
            assertThat(pos.send(purchase).field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 700);

            Iso8583Message reversed = pos.send(reversal("0400", purchase));
            assertThat(reversed.mti()).isEqualTo("0410");
            assertThat(reversed.field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("refunded").isEqualTo(before);

            Iso8583Message repeated = pos.send(reversal("0401", purchase));
            assertThat(repeated.field(39)).isEqualTo("00");
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("refunded once").isEqualTo(before);
            assertThat(merchantBalance("demo-shop")).as("the merchant debited back, once").isEqualTo(merchantBefore);
            JsonNode history = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD + "/history", admin).body()).path("transactions");
            JsonNode reversal = null;
            for (JsonNode entry : history) {
                if ("REVERSAL".equals(entry.path("kind").asText()) && reversal == null) {
                    reversal = entry;
                }
            }
            assertThat(reversal).as("the reversal in the card's history").isNotNull();
            assertThat(reversal.path("reasons").toString()).as("with its reasons").contains("REVERSED_BY_TERMINAL");

            Iso8583Message unknown = pos.send(reversal("0400", purchase(TERMINAL, "999999", DemoSeeder.ACTIVE_CARD_PAN, 700, null)));
            assertThat(unknown.field(39)).isEqualTo("25");
        }
    }

    @Test
    void aBankFundedPaymentIsReversedAtTheBank() throws Exception {
        int reversedBefore = bank.journal().entries(JournalEntry.Kind.REVERSED).size();
        Iso8583Message purchase = emvPurchase(TERMINAL, bankCard, DemoSeeder.BANK_CARD_PAN, 1500);
        try (PosClient pos = pos()) {
            assertThat(pos.send(purchase).field(39)).isEqualTo("00");
            assertThat(pos.send(reversal("0400", purchase)).field(39)).isEqualTo("00");
            assertThat(pos.send(reversal("0401", purchase)).field(39)).isEqualTo("00");
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (bank.journal().entries(JournalEntry.Kind.REVERSED).size() == reversedBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // a second reversal would have been sent by now
        assertThat(bank.journal().entries(JournalEntry.Kind.REVERSED)).as("reversed at the bank, once").hasSize(reversedBefore + 1);
    }

    // ---- bad input ----

    @Test
    void aBadBitmapGets30AndTheConnectionStaysUsable() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message formatError = pos.sendRaw("0200ZZZZ000000000000000000".getBytes(StandardCharsets.US_ASCII));
            assertThat(formatError.mti()).isEqualTo("0210");
            assertThat(formatError.field(39)).isEqualTo("30");

            Iso8583Message wrongLength = pos.sendRaw("08002020000000000000000001".getBytes(StandardCharsets.US_ASCII));
            assertThat(wrongLength.mti()).isEqualTo("0810");
            assertThat(wrongLength.field(39)).isEqualTo("30");

            Iso8583Message echo = pos.send(Iso8583Message.of("0800", Map.of(11, "000001", 70, "301")));
            assertThat(echo.field(39)).as("the same connection still answers").isEqualTo("00");
        }
    }

    @Test
    void garbageWithoutARequestMtiClosesTheConnectionAndTheListenerCarriesOn() throws Exception {
        try (PosClient pos = pos()) {
            assertThat(pos.sendRaw("hello, bank?".getBytes(StandardCharsets.US_ASCII))).isNull();
        }
        try (PosClient pos = pos()) {
            assertThat(pos.sendRaw("0210".getBytes(StandardCharsets.US_ASCII))).as("a response MTI alone").isNull();
        }
        try (PosClient pos = pos()) {
            assertThat(pos.send(Iso8583Message.of("0800", Map.of(11, "000002", 70, "301"))).field(39)).isEqualTo("00");
        }
    }
}
