package io.tapbus.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SmscLink} against jSMPP's own SMSC server API ({@link TestSmsc}), on loopback. */
class SmscLinkTest {

    private static final SmppAddress PHONE = SmppAddress.msisdn("+8613800138000");
    private static final String CHINESE = "您的账户余额为人民币十二元五角。感谢您使用TapBus非接触式移动服务总线，"
            + "如需帮助请回复HELP，查询最近交易请回复LAST，挂失卡片请回复BLOCK。祝您生活愉快，再见。";

    private final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
    private final List<IncomingSms> incoming = new CopyOnWriteArrayList<>();
    private final List<DeliverSmPdu> simData = new CopyOnWriteArrayList<>();
    private final IncomingListener listener = new IncomingListener() {
        @Override
        public void onIncoming(IncomingSms sms) {
            incoming.add(sms);
        }

        @Override
        public void onSimData(DeliverSmPdu pdu) {
            simData.add(pdu);
        }
    };
    private TestSmsc smsc;
    private SmscLink link;

    @BeforeEach
    void startSmsc() throws Exception {
        smsc = new TestSmsc();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        smsc.close();
    }

    private SmscLink link(int window) throws InterruptedException {
        return link(window, Duration.ofSeconds(30));
    }

    private SmscLink link(int window, Duration enquireLink) throws InterruptedException {
        SmscAccount account = SmscAccount.from(key -> switch (key) {
            case "tapbus.smsc.test.host" -> "127.0.0.1";
            case "tapbus.smsc.test.port" -> String.valueOf(smsc.port());
            case "tapbus.smsc.test.system-id" -> "tapbus";
            case "tapbus.smsc.test.password" -> "s3cret";
            case "tapbus.smsc.test.system-type" -> "TAPBUS";
            default -> null;
        }, "tapbus.smsc.test.");
        LinkSettings settings = new LinkSettings(window, enquireLink, Duration.ofMillis(800),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        link = new SmscLink(account, settings, SubmitSettings.from("10690000"), receipts::add, listener).start();
        await(link::isBound);
        return link;
    }

    private static List<String> send(SmscLink link, List<SmsPart> parts) throws Exception {
        return link.submit(PHONE, parts).get(10, TimeUnit.SECONDS);
    }

    @Test
    void bindsWithTheConfiguredAccountAndSendsLongGsmAndChineseMessages() throws Exception {
        link(3);
        assertThat(smsc.binds).containsExactly(new TestSmsc.Bind("tapbus", "s3cret", "TAPBUS"));

        List<SmsPart> gsm = SmsEncoder.text("Your balance is 12.50 CNY. ".repeat(8), 17, false);
        List<SmsPart> chinese = SmsEncoder.text(CHINESE, 18, false);
        assertThat(gsm).hasSize(2);
        assertThat(chinese).hasSize(2);

        List<String> gsmIds = send(link, gsm);
        List<String> chineseIds = send(link, chinese);

        assertThat(gsmIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(chineseIds).hasSize(2).doesNotHaveDuplicates().doesNotContainAnyElementsOf(gsmIds);
        assertThat(smsc.received).hasSize(4);
        assertParts(smsc.received.subList(0, 2), 0x00, 17);
        assertParts(smsc.received.subList(2, 4), 0x08, 18);
        SubmitSm first = smsc.received.get(0);
        assertThat(first.getDestAddress()).isEqualTo("8613800138000");
        assertThat(first.getDestAddrTon()).isEqualTo((byte) 1);
        assertThat(first.getSourceAddr()).isEqualTo("10690000");
        assertThat(first.getRegisteredDelivery()).isEqualTo((byte) 1);
        assertThat(new String(payloads(smsc.received.subList(2, 4)), StandardCharsets.UTF_16BE)).isEqualTo(CHINESE);
    }

    /** Each part as the SMSC got it: data_coding, UDHI, and the UDH 05 00 03 ref 02 seq. */
    private static void assertParts(List<SubmitSm> parts, int dataCoding, int reference) {
        List<Integer> sequences = new ArrayList<>();
        for (SubmitSm p : parts) {
            assertThat(p.getDataCoding()).isEqualTo((byte) dataCoding);
            assertThat(p.getEsmClass() & 0x40).isEqualTo(0x40);
            byte[] sm = p.getShortMessage();
            assertThat(TestHex.hex(java.util.Arrays.copyOf(sm, 5))).isEqualTo(String.format("05000%d%02X02", 3,
                    reference));
            sequences.add((int) sm[5]);
        }
        assertThat(sequences).containsExactlyInAnyOrder(1, 2);
    }

    private static byte[] payloads(List<SubmitSm> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.stream().sorted(java.util.Comparator.comparingInt(p -> p.getShortMessage()[5]))
                .forEach(p -> out.write(p.getShortMessage(), 6, p.getShortMessage().length - 6));
        return out.toByteArray();
    }

    @Test
    void neverMoreThanTheWindowInFlight() throws Exception {
        link(3);
        smsc.answerDelayMillis = 80;
        List<CompletableFuture<List<String>>> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add(link.submit(PHONE, SmsEncoder.text(CHINESE + i, 30 + i, false)));
        }
        for (CompletableFuture<List<String>> m : messages) {
            assertThat(m.get(10, TimeUnit.SECONDS)).hasSize(2);
        }
        assertThat(smsc.accepted).hasSize(8);
        assertThat(smsc.maxOutstanding.get()).isEqualTo(3);
    }

    @Test
    void throttledPartsAreSentAgainAndAcceptedOnce() throws Exception {
        link(2);
        smsc.throttle = n -> n <= 3 || n % 2 == 0;
        List<SmsPart> parts = SmsEncoder.text(CHINESE + CHINESE, 40, false);
        assertThat(parts).hasSize(3);

        List<String> ids = send(link, parts);

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(smsc.received.size()).isGreaterThan(3);
        assertThat(smsc.accepted).hasSize(3);
        assertThat(smsc.accepted.stream().map(s -> (int) s.getShortMessage()[5]))
                .containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aRefusedPartFailsWithItsStatus() throws Exception {
        link(1);
        // ESME_RINVDSTADR from the SMSC: not retried
        smsc.refuseWith = 0x0000000B;
        assertThatThrownBy(() -> send(link, SmsEncoder.text("hello", 1, false)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SubmitException.class)
                .satisfies(e -> assertThat(((SubmitException) e).commandStatus()).isEqualTo(0x0B));
        assertThat(smsc.received).hasSize(1);
    }

    @Test
    void rebindsAfterTheSmscDropsTheConnectionAndRefusesABind() throws Exception {
        link(1);
        smsc.dropAt = 2;
        smsc.refuseBinds.set(1);

        assertThat(send(link, SmsEncoder.text("one", 1, false))).containsExactly("M1");
        assertThatThrownBy(() -> send(link, SmsEncoder.text("two", 2, false)))
                .cause().isInstanceOf(SubmitException.class)
                .satisfies(e -> assertThat(((SubmitException) e).outcomeUnknown()).isTrue());
        assertThat(send(link, SmsEncoder.text("three", 3, false))).containsExactly("M2");

        assertThat(link.binds()).isEqualTo(2);
        assertThat(smsc.binds).hasSize(3); // bound, refused, bound again
        assertThat(smsc.accepted.stream().map(s -> new String(s.getShortMessage(), StandardCharsets.ISO_8859_1)))
                .containsExactly("one", "three");
    }

    @Test
    void anIdleLinkSendsEnquireLinkAndAClosedOneRefusesSubmits() throws Exception {
        link(1, Duration.ofMillis(100));

        await(() -> smsc.enquireLinks.get() >= 2);
        assertThat(link.isBound()).isTrue();
        link.close();
        assertThat(link.submit(PHONE, SmsEncoder.text("late", 1, false)))
                .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(SubmitException.class);
    }

    @Test
    void receiptsReachTheListenerWithMessageIdAndState() throws Exception {
        link(2);
        String id = send(link, SmsEncoder.text("code 123456", 1, false)).get(0);

        byte[] text = ("id:" + id + " sub:001 dlvrd:001 submit date:2612071200 done date:2612071201 stat:DELIVRD"
                + " err:000 text:code").getBytes(StandardCharsets.ISO_8859_1);
        deliver(new ESMClass(0x04), 0x00, text);
        deliver(new ESMClass(0x00), 0x00, new byte[0],
                new OptionalParameter.OctetString((short) Tlv.RECEIPTED_MESSAGE_ID, id),
                new OptionalParameter.Byte((short) Tlv.MESSAGE_STATE, (byte) 5));

        await(() -> receipts.size() == 2);
        assertThat(receipts).extracting(DeliveryReceipt::messageId).containsExactly(id, id);
        assertThat(receipts).extracting(DeliveryReceipt::state)
                .containsExactly(MessageState.DELIVERED, MessageState.UNDELIVERABLE);
        assertThat(incoming).isEmpty();
    }

    @Test
    void anIncomingMessageInTwoPartsArrivesWhole() throws Exception {
        link(2);
        byte[] first = "余额".getBytes(StandardCharsets.UTF_16BE);
        byte[] second = "查询".getBytes(StandardCharsets.UTF_16BE);
        deliver(new ESMClass(0x40), 0x08, concat(TestHex.bytes("0500037A0202"), second));
        assertThat(incoming).isEmpty();
        deliver(new ESMClass(0x40), 0x08, concat(TestHex.bytes("0500037A0201"), first));

        await(() -> incoming.size() == 1);
        IncomingSms sms = incoming.get(0);
        assertThat(sms.text()).isEqualTo("余额查询");
        assertThat(sms.source().address()).isEqualTo("8613800138000");
        assertThat(sms.alphabet()).isEqualTo(Alphabet.UCS2);
    }

    @Test
    void aSimDataDownloadMessageGoesToItsListenerNotToTheTexts() throws Exception {
        link(2);
        // pySim's AES PoR (tests/test_ota.py): UDH 02 71 00, RPL, RHL, TAR B00011, ciphered and checksummed
        byte[] por = TestHex.bytes("027100002412B00011EBC6B497E2CAD7AEDF36ACE0E3A29B38853F0FE9CCDE81913BE5702B73ABCE1F");
        smsc.session().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                "8613800138000", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "10690000",
                new ESMClass(0x40), (byte) 0x7F, (byte) 0, new RegisteredDelivery(0),
                DataCodings.newInstance((byte) 0xF6), por);
        await(() -> simData.size() == 1);
        assertThat(simData.get(0).protocolId()).isEqualTo(0x7F);
        assertThat(simData.get(0).dataCoding()).isEqualTo(0xF6);
        assertThat(simData.get(0).shortMessage()).isEqualTo(por);
        assertThat(incoming).isEmpty();
    }

    @Test
    void aDeliverSmThatDoesNotDecodeIsAnsweredWithAnError() throws Exception {
        link(2);
        // UDHI set, but the header claims 0x10 octets and only 3 follow
        assertThatThrownBy(() -> deliver(new ESMClass(0x40), 0x00, TestHex.bytes("10 00 03 41")))
                .isInstanceOf(NegativeResponseException.class)
                .satisfies(e -> assertThat(((NegativeResponseException) e).getCommandStatus()).isEqualTo(0x64));
        // a receipt without id
        assertThatThrownBy(() -> deliver(new ESMClass(0x04), 0x00, "stat:DELIVRD".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(NegativeResponseException.class);
        assertThat(receipts).isEmpty();
        assertThat(incoming).isEmpty();
        assertThat(link.isBound()).isTrue();
    }

    private void deliver(ESMClass esmClass, int dataCoding, byte[] shortMessage, OptionalParameter... tlvs)
            throws Exception {
        smsc.session().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                "8613800138000", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "10690000", esmClass,
                (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.newInstance((byte) dataCoding),
                shortMessage, tlvs);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
