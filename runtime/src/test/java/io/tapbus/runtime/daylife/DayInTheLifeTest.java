package io.tapbus.runtime.daylife;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.daylife.Main;
import io.tapbus.samples.smsc.SmscOptions;
import io.tapbus.samples.smsc.SmscSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The day-in-the-life sample against a whole bus and the SMSC simulator (in-process, on loopback), as
 * {@code bin/tapbus day-in-the-life} runs it: the phone app registers with the code the SMSC received, then every step
 * through the public interfaces (REST held to the OpenAPI document, the reader port, JMS). Each step's outcome is
 * asserted from the printed line and, independently, from the bus (balances, coupon, tickets), and every partner's
 * events arrived.
 */
class DayInTheLifeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("one-time code (\\d{6})");
    private static final List<String> smscLines = new CopyOnWriteArrayList<>();
    private static SmscSimulator smsc;
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscOptions.parse("--port", "0", "--control-port", "off", "--no-stdin", "--receipt-delay", "0"),
                smscLines::add).start();
        bus = new RunningBus(Map.of("tapbus.smsc.local.port", String.valueOf(smsc.port()),
                "tapbus.smsc.local.password", "demo1234", // the simulator's DEMO password
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.phone.poll-ms", "50",
                "tapbus.events.relay-period-ms", "100"));
        long until = System.currentTimeMillis() + 30_000;
        while (JSON.readTree(smsc.statsJson()).path("bound").asInt() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
        smsc.close();
    }

    /** The phone: the code of the newest SMS the SMSC printed for the number. */
    private static String code(String msisdn) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            for (int i = smscLines.size() - 1; i >= 0; i--) {
                Matcher m = CODE.matcher(smscLines.get(i));
                if (smscLines.get(i).contains(msisdn.substring(1)) && m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code reached the SMSC for " + msisdn + ": " + smscLines);
    }

    private static long accountBalance(String admin) throws Exception {
        String account = JSON.readTree(bus.get("/cards/" + DemoSeeder.ACTIVE_CARD, admin).body()).path("accountId").asText();
        return JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong();
    }

    @Test
    void theWholeDayRunsStepByStepAndEveryPartnerHearsOfIt() throws Exception {
        String admin = RunningBus.adminToken();
        long morning = accountBalance(admin);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--bus", "http://127.0.0.1:" + bus.httpPort, "--reader", "127.0.0.1:" + bus.readerPort,
                "--broker", "tcp://127.0.0.1:" + bus.brokerPort, "--home", RunningBus.HOME.toString(), "--biller-port", "0",
                "--events-wait-seconds", "30"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DayInTheLifeTest::code, RunningBus.CONTRACT::assertConforms);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed); // the day as a person running bin/tapbus day-in-the-life sees it
        assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();

        List<String> steps = printed.lines().filter(l -> l.matches("^\\d+ +(ok|FAIL) .*")).toList();
        assertThat(steps).as(printed).hasSize(2 + 7 + 5).allMatch(l -> l.matches("^\\d+ +ok .*"));
        assertThat(line(steps, "merge demo-shop-club")).contains("HTTP 201 ACTIVE");
        assertThat(line(steps, "merge demo-cafe-card")).contains("HTTP 201 ACTIVE");
        String coupon = line(steps, "coupon from tag scan");
        assertThat(coupon).contains("tag scan in demo-shop: GENUINE", "(issued via TAG_SCAN)", "in the app's wallet: CLAIMED");
        Matcher code = Pattern.compile("gave coupon (CPN-[A-Z0-9]{12}) ").matcher(coupon);
        assertThat(code.find()).as(coupon).isTrue();
        assertThat(line(steps, "pay with discount")).contains("card tapped at R-DEMO-1", "basket 88.00 CNY with coupon " + code.group(1),
                "coupon 5.00 CNY off", "card pays 83.00 CNY: APPROVED");
        JsonNode redeemed = JSON.readTree(bus.get("/coupons/" + code.group(1), admin).body());
        assertThat(redeemed.path("issuedVia").asText()).as("the scan gave it").isEqualTo("TAG_SCAN");
        assertThat(redeemed.path("state").asText()).as("the till's payment used it").isEqualTo("REDEEMED");
        assertThat(line(steps, "ticket at a gate")).contains("R-DEMO-1: OPEN", "second pass: REFUSED [ALREADY_USED]");
        assertThat(line(steps, "offline gate, sync")).contains("signature VALID", "TICKET_SYNC: COUNTED");
        assertThat(line(steps, "pay a utility bill")).contains("186.50 CNY", "paid: HTTP 201", "paying again: HTTP 409");
        assertThat(line(steps, "buy online, refund")).contains("confirmed on the phone: AUTHORIZED", "captured 25.00 CNY",
                "refunded 10.00 CNY", "more: HTTP 409");
        assertThat(line(steps, "check the balance")).contains("707.50 CNY", "demo-shop-club SC-", "demo-cafe-card CC-");
        for (String partner : List.of("demo-shop", "demo-cafe", "demo-media", "metro-sh", "city-power")) {
            assertThat(line(steps, "events to " + partner)).doesNotContain("MISSING");
        }
        assertThat(line(steps, "events to demo-media")).contains("coupon.redeemed", "campaign.budget");
        assertThat(line(steps, "events to metro-sh")).contains("ticket.issued", "ticket.validated");
        assertThat(line(steps, "events to city-power")).contains("bill.paid");
        assertThat(printed).doesNotContain("note: a tag offer", "note: the reader and the chained POS")
                .contains("summary: 14 steps, 14 as expected, 0 not", "1 step(s) did the nearest real thing");

        // the bus's own books, read independently: 83.00 basket + 2 rides of 4.00 + 186.50 bill + 25.00 - 10.00 online
        assertThat(accountBalance(admin)).isEqualTo(morning - 8300 - 800 - 18650 - 1500);
        assertThat(balance("M-city-power", admin)).as("the utility was paid once").isEqualTo(18650);
        assertThat(balance("M-metro-sh", admin)).as("the metro sold two rides").isEqualTo(800);
    }

    @Test
    void aBusThatDoesNotAnswerIsAFailedRunAndBadOptionsAreRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.run(new String[] {"--bus", "http://127.0.0.1:" + RunningBus.freePort(), "--home", RunningBus.HOME.toString(),
                "--biller-port", "0"}, print, print, msisdn -> "000000", (request, response) -> { });
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL setup", "could not run: ConnectException",
                "summary: 1 steps, 0 as expected, 1 not (setup)");
        out.reset();
        assertThat(Main.run(new String[] {"--reader", "no-port"}, print, print, null, (request, response) -> { })).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--reader is HOST:PORT", "usage: bin/tapbus day-in-the-life");
        out.reset();
        assertThat(Main.run(new String[] {"--coupons", "3"}, print, print, null, (request, response) -> { })).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown option --coupons");
    }

    private static long balance(String account, String admin) throws Exception {
        return JSON.readTree(bus.get("/accounts/" + account, admin).body()).path("balanceMinor").asLong();
    }

    private static String line(List<String> steps, String name) {
        return steps.stream().filter(l -> l.matches("^\\d+ +ok +" + Pattern.quote(name) + " .*")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in " + steps));
    }
}
