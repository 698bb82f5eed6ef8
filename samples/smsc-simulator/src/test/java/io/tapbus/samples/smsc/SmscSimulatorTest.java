package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.Alphabet;
import io.tapbus.connector.phone.Backoff;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.connector.phone.LinkSettings;
import io.tapbus.connector.phone.MessageState;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmscAccount;
import io.tapbus.connector.phone.SmscLink;
import io.tapbus.connector.phone.SubmitSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over real loopback sockets, driven by real SMPP clients: jSMPP's session and the bus's SmscLink. */
class SmscSimulatorTest {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> open = new ArrayList<>();
    private SmscSimulator smsc;
    private ControlHttp http;

    private SmscSimulator start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--control-port", "0", "--no-stdin"));
        args.addAll(List.of(extra));
        smsc = new SmscSimulator(SmscOptions.parse(args.toArray(String[]::new)), lines::add).start();
        http = new ControlHttp(0, new ControlCommands(smsc), smsc, lines::add).start();
        return smsc;
    }

    @AfterEach
    void stop() throws Exception {
        lines.forEach(l -> System.out.println("SMSC: " + l));
        for (AutoCloseable c : open) {
            c.close();
        }
        if (http != null) {
            http.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** POSTs one command line to the control endpoint: status code and reply. */
    private HttpResponse<String> control(String line) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http.port() + "/command"))
                .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The stats JSON once it contains every fragment (counters move a moment after the client saw the PDU). */
    private String awaitStats(String... fragments) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String json = stats();
        while (!java.util.Arrays.stream(fragments).allMatch(json::contains) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            json = stats();
        }
        assertThat(json).contains(fragments);
        return json;
    }

    private String stats() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownSystemIdAndAcceptsEveryBindType() throws Exception {
        start("--system-id", "operator1", "--password", "s3cret");
        assertThatThrownBy(() -> Esme.bind(smsc.port(), BindType.BIND_TRX, "operator1", "wrong"))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(Esme.refusal(e)).isEqualTo(0x0E));
        assertThatThrownBy(() -> Esme.bind(smsc.port(), BindType.BIND_TX, "nobody", "s3cret"))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(Esme.refusal(e)).isEqualTo(0x0D));
        Esme transmitter = keep(Esme.bind(smsc.port(), BindType.BIND_TX, "operator1", "s3cret"));
        Esme receiver = keep(Esme.bind(smsc.port(), BindType.BIND_RX, "operator1", "s3cret"));
        keep(Esme.bind(smsc.port(), BindType.BIND_TRX, "operator1", "s3cret"));
        awaitStats("\"binds\":3", "\"bindsRefused\":2", "\"bound\":3");
        // a transmitter's receipt goes to a session that receives
        control("receipts delay 0");
        String id = transmitter.submit("+8613800138000", "via TX", -1);
        DeliverSm receipt = receiver.delivered.poll(5, TimeUnit.SECONDS); // the first session bound to receive
        assertThat(receipt).isNotNull();
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + id + " ");
        assertThat(transmitter.delivered).isEmpty();
        assertThat(lines).anyMatch(l -> l.contains("wrong password") && l.contains("0x0E"))
                .noneMatch(l -> l.contains("wrong\"") || l.contains("s3cret"));
    }

    @Test
    void answersASubmitAndSendsAReceiptWithItsIdAndTheUserMessageReference() throws Exception {
        start("--receipt-delay", "100ms");
        Esme esme = keep(Esme.transceiver(smsc.port()));
        String id = esme.submit("+8613800138000", "Your TapBus code is 482913", 4242);
        assertThat(id).isNotBlank();

        DeliverSm receipt = esme.delivered.poll(5, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getEsmClass()).isEqualTo((byte) 0x04);
        assertThat(receipt.getSourceAddr()).isEqualTo("+8613800138000");
        assertThat(receipt.getDestAddress()).isEqualTo("10690000");
        assertThat(((OptionalParameter.COctetString) receipt.getOptionalParameter(
                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString()).isEqualTo(id);
        assertThat(((OptionalParameter.Byte) receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue()).isEqualTo((byte) 2);
        assertThat(((OptionalParameter.Short) receipt.getOptionalParameter(
                OptionalParameter.Tag.USER_MESSAGE_REFERENCE)).getValue()).isEqualTo((short) 4242);
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII))
                .matches("id:" + id + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:");

        // the one-time code is printed where the user sees it
        assertThat(lines).anyMatch(l -> l.contains("SMS to +8613800138000 from 10690000")
                && l.contains("GSM 7-bit: Your TapBus code is 482913") && l.contains(">>> one-time code 482913"));

        // no reference in the submit, none in the receipt; every receipt fails when told so
        assertThat(control("receipts fail 1").statusCode()).isEqualTo(200);
        String second = esme.submit("+8613800138001", "hello", -1);
        DeliverSm failed = esme.delivered.poll(5, TimeUnit.SECONDS);
        assertThat(failed).isNotNull();
        assertThat(failed.getOptionalParameter(OptionalParameter.Tag.USER_MESSAGE_REFERENCE)).isNull();
        assertThat(new String(failed.getShortMessage(), StandardCharsets.US_ASCII))
                .startsWith("id:" + second + " sub:001 dlvrd:000").contains("stat:UNDELIV err:001");
        assertThat(((OptionalParameter.Byte) failed.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue()).isEqualTo((byte) 5);
        awaitStats("\"submits\":2", "\"receipts\":2");
    }

    @Test
    void throttlesAShareOrAboveARateAndAnswersQueueFull() throws Exception {
        start("--receipts", "off");
        Esme esme = keep(Esme.transceiver(smsc.port()));
        assertThat(control("throttle 1").body()).startsWith("ok throttle 1.0");
        assertThatThrownBy(() -> esme.submit("+8613800138000", "a", -1))
                .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));
        assertThat(control("throttle off").statusCode()).isEqualTo(200);
        assertThat(control("qfull 1").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> esme.submit("+8613800138000", "a", -1))
                .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x14));
        control("qfull off");
        assertThat(esme.submit("+8613800138000", "a", -1)).isNotBlank();

        control("throttle rate 5");
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            try {
                esme.submit("+8613800138000", "b", -1);
                accepted++;
            } catch (NegativeResponseException e) {
                assertThat(e.getCommandStatus()).isEqualTo(0x58);
                throttled++;
            }
        }
        assertThat(throttled).isPositive();
        assertThat(accepted).isBetween(1, 15); // 5 a second; 30 fast submits span at most a couple of seconds
        assertThat(stats()).contains("\"throttled\":" + (throttled + 1), "\"queueFull\":1",
                "\"submits\":" + (accepted + 1));
        assertThat(control("throttle 2").body()).startsWith("error: throttle must be a share from 0 to 1");
        assertThat(control("launch rockets").statusCode()).isEqualTo(400);
    }

    @Test
    void goesDownRefusingConnectionsThenComesBackAndDeliversTheReceiptsThatWaited() throws Exception {
        start("--receipt-delay", "300ms");
        Esme esme = Esme.transceiver(smsc.port());
        String id = esme.submit("+8613800138000", "before the outage", 7);
        assertThat(control("down 2").body()).startsWith("ok down for 2 s");
        int port = smsc.port();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        long closedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (esme.session.getSessionState().isBound() && System.nanoTime() < closedBy) {
            Thread.sleep(20);
        }
        assertThat(esme.session.getSessionState().isBound()).as("the ESME's session was closed").isFalse();
        esme.session.close();

        Esme again = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (again == null && System.nanoTime() < deadline) {
            try {
                again = Esme.transceiver(port);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertThat(again).as("bound again after the outage").isNotNull();
        keep(again);
        DeliverSm receipt = again.delivered.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).as("the receipt that was due during the outage").isNotNull();
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + id + " ");
        assertThat(again.submit("+8613800138000", "after the outage", -1)).isNotBlank();
        assertThat(lines).anyMatch(l -> l.startsWith("up: SMPP on 127.0.0.1:" + port));
    }

    @Test
    void dropClosesTheConnectionAndTheBusLinkBindsAgain() throws Exception {
        start("--receipts", "off");
        SmscLink link = keep(link(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>()));
        awaitBinds(link, 1);
        assertThat(control("drop").body()).isEqualTo("ok dropped 1 connection(s)\n");
        assertThat(lines).contains("control: drop -> ok dropped 1 connection(s)");
        awaitBinds(link, 2);
        assertThat(link.submit(SmppAddress.msisdn("+8613800138000"), SmsEncoder.text("after the drop", 1, false))
                .get(5, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void sendsIncomingMessagesThatTheBusLinkReassemblesAndItsReceiptsParse() throws Exception {
        start("--receipt-delay", "0");
        BlockingQueue<IncomingSms> incoming = new LinkedBlockingQueue<>();
        BlockingQueue<DeliveryReceipt> receipts = new LinkedBlockingQueue<>();
        SmscLink link = keep(link(incoming, receipts));
        awaitBinds(link, 1);

        String chinese = "余额查询：您的账户余额为人民币壹万贰仟叁佰肆拾伍元陆角柒分。最近三笔交易：超市消费八十八元，地铁充值一百元，"
                + "咖啡二十五元。如需冻结银行卡请回复冻结。";
        assertThat(chinese.length()).isGreaterThan(70);
        assertThat(control("mo +8613800138000 " + chinese).body()).isEqualTo(
                "ok mo from +8613800138000 to 10690000: 2 parts, UCS-2\n");
        IncomingSms whole = incoming.poll(5, TimeUnit.SECONDS);
        assertThat(whole).isNotNull();
        assertThat(whole.text()).isEqualTo(chinese);
        assertThat(whole.alphabet()).isEqualTo(Alphabet.UCS2);
        assertThat(whole.source()).isEqualTo(SmppAddress.msisdn("+8613800138000"));
        assertThat(whole.destination().address()).isEqualTo("10690000");

        new ControlCommands(smsc).execute("mo 8613800138000 余额");
        assertThat(incoming.poll(5, TimeUnit.SECONDS).text()).isEqualTo("余额");
        assertThat(control("mo +8613800138000 BAL").body()).contains("1 part, GSM 7-bit");
        assertThat(incoming.poll(5, TimeUnit.SECONDS).text()).isEqualTo("BAL");
        assertThat(control("mo 0138 BAL").body()).startsWith("error: '0138' is not an E.164 number");

        List<String> ids = link.submit(SmppAddress.msisdn("+8613800138000"), SmsEncoder.text(chinese, 9, false))
                .get(5, TimeUnit.SECONDS);
        List<String> receipted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            DeliveryReceipt r = receipts.poll(5, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
            receipted.add(r.messageId());
        }
        assertThat(receipted).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines).anyMatch(l -> l.contains("(2 parts, ids " + String.join(",", ids) + ") UCS-2: " + chinese));
        awaitStats("\"mo\":3", "\"submits\":2", "\"receipts\":2");
    }

    @Test
    void printsAWapPushAsHexAndSaysSo() throws Exception {
        start("--receipts", "off");
        SmscLink link = keep(link(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>()));
        awaitBinds(link, 1);
        String si = "<si><indication href=\"http://www.xyz.com/email/123/abc.wml\">You have 4 new emails</indication></si>";
        link.submit(SmppAddress.msisdn("+8613800138000"),
                io.tapbus.connector.phone.WapPushSms.parts(si, 1, 3)).get(5, TimeUnit.SECONDS);
        assertThat(lines).anyMatch(l -> l.contains("SMS to +8613800138000") && l.contains("WAP push, ")
                && l.contains(": 01"));
    }

    private SmscLink link(BlockingQueue<IncomingSms> incoming, BlockingQueue<DeliveryReceipt> receipts) {
        SmscAccount account = new SmscAccount("127.0.0.1", smsc.port(), SmscOptions.DEMO_SYSTEM_ID,
                SmscOptions.DEMO_PASSWORD, "");
        LinkSettings settings = new LinkSettings(10, Duration.ofSeconds(30), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        return new SmscLink(account, settings, SubmitSettings.from("10690000"), receipts::add, incoming::add).start();
    }

    private static void awaitBinds(SmscLink link, int binds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(link.isBound() && link.binds() >= binds) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(link.binds()).as("binds").isGreaterThanOrEqualTo(binds);
        assertThat(link.isBound()).isTrue();
    }
}
