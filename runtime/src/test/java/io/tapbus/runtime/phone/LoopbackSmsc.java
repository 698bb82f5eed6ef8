package io.tapbus.runtime.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.phone.SubmitOnlySmsc;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.MessageState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import io.tapbus.runtime.RunningBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for the runtime's tests, on jSMPP's own server API on a loopback port (as connectors/phone's TestSmsc,
 * plus receipts). It records every submit_sm it accepts, answers with message ids unique in the JVM, and can send a
 * delivery receipt for each (receipt text and message_state TLV, echoing the submit's user_message_reference when
 * {@link #echoReference}). Receipts wait in a queue and go to the latest bound session; a receipt the ESME did not
 * answer is sent again on the next session, as an SMSC does.
 */
final class LoopbackSmsc extends SubmitOnlySmsc implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** A submit_sm the SMSC took. */
    record Accepted(String messageId, String destination, Integer userRef, int dataCoding, int esmClass,
            byte[] shortMessage) {
        /** The text of the part: GSM 7-bit (unpacked; basic characters read as ASCII) or UCS-2, after any header. */
        String text() {
            int from = (esmClass & 0x40) != 0 ? (shortMessage[0] & 0xFF) + 1 : 0;
            return new String(shortMessage, from, shortMessage.length - from,
                    dataCoding == 8 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
        }

        /** The part number in its concatenation header, 1 when there is none. */
        int partNo() {
            return (esmClass & 0x40) != 0 && shortMessage[1] == 0 ? shortMessage[5] & 0xFF : 1;
        }
    }

    private record Receipt(Accepted message, MessageState state, boolean echo) {}

    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** Every submit_sm it accepted, as jSMPP read it (protocol id, data coding...), by the message id it gave. */
    final java.util.Map<String, SubmitSm> submits = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger binds = new AtomicInteger();
    final AtomicInteger receiptsAnswered = new AtomicInteger();
    /** A receipt with this state for every accepted part; null: none unless asked. */
    volatile MessageState autoReceipt = MessageState.DELIVERED;
    volatile boolean echoReference = true;
    volatile long answerDelayMillis;
    /** A command_status every submit_sm is refused with; 0 accepts. */
    volatile int refuseWith;

    private final SMPPServerSessionListener listener;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Receipt> receipts = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private final Thread receiptSender;
    private volatile boolean running = true;

    LoopbackSmsc(int port) throws IOException {
        listener = new SMPPServerSessionListener(port);
        listener.setPduProcessorDegree(16);
        listener.setMessageReceiverListener(this);
        acceptor = daemon(this::acceptLoop, "loopback-smsc-" + port);
        receiptSender = daemon(this::receiptLoop, "loopback-smsc-receipts-" + port);
        acceptor.start();
        receiptSender.start();
    }

    int port() {
        return listener.getPort();
    }

    int acceptedWith(String text) {
        return (int) accepted.stream().filter(a -> a.text().equals(text)).count();
    }

    /** Sends a receipt for a message id this SMSC never gave (the ESME must acknowledge it). */
    void receiptForUnknown(String messageId) {
        receipts.add(new Receipt(new Accepted(messageId, "8613800138000", null, 0, 0, new byte[0]), MessageState.DELIVERED,
                false));
    }

    /** A text from a phone, as the SMSC delivers it: one deliver_sm per part (UCS-2 when not GSM). */
    void incoming(String fromMsisdn, String text) throws Exception {
        java.util.List<io.tapbus.connector.phone.SmsPart> parts = io.tapbus.connector.phone.SmsEncoder.text(text,
                IDS.get() & 0xFF, false);
        for (io.tapbus.connector.phone.SmsPart part : parts) {
            bound().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    fromMsisdn.replace("+", ""), TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN,
                    "10690000", new ESMClass(part.esmClass()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    DataCodings.newInstance((byte) part.dataCoding()), part.shortMessage(false));
        }
    }

    /** A SIM data download message from a phone's card (TP-PID 7F, DCS F6, UDHI set), such as an OTA proof of receipt. */
    void simData(String fromMsisdn, byte[] userData) throws Exception {
        bound().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                fromMsisdn.replace("+", ""), TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN,
                "10690000", new ESMClass(0x40), (byte) 0x7F, (byte) 0, new RegisteredDelivery(0),
                DataCodings.newInstance((byte) 0xF6), userData);
    }

    /** The whole text of the messages sent to {@code msisdn} after the first {@code skip} parts for it. */
    String textTo(String msisdn, int skip) {
        java.util.List<Accepted> to = accepted.stream().filter(a -> a.destination().equals(msisdn.replace("+", "")))
                .skip(skip).sorted(java.util.Comparator.comparingInt(Accepted::partNo)).toList();
        StringBuilder s = new StringBuilder();
        to.forEach(a -> s.append(a.text()));
        return s.toString();
    }

    int partsTo(String msisdn) {
        return (int) accepted.stream().filter(a -> a.destination().equals(msisdn.replace("+", ""))).count();
    }

    void receipt(Accepted message, MessageState state) {
        receipts.add(new Receipt(message, state, echoReference));
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                BindRequest bind = session.waitForBind(5000);
                bind.accept("loopback-smsc");
                sessions.add(session);
                binds.incrementAndGet();
            } catch (Exception e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void receiptLoop() {
        while (running) {
            Receipt r;
            try {
                r = receipts.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                continue;
            }
            if (!deliver(r)) {
                receipts.add(r); // the ESME did not answer: again, on whatever session is bound next
                sleep(100);
            }
        }
    }

    private boolean deliver(Receipt r) {
        SMPPServerSession session = bound();
        if (session == null) {
            return false;
        }
        DeliveryReceipt text = new DeliveryReceipt(r.message().messageId(), null, r.state(), 1,
                r.state() == MessageState.DELIVERED ? 1 : 0, LocalDateTime.now(), LocalDateTime.now(), "000", "");
        try {
            OptionalParameter[] tlvs = r.echo() && r.message().userRef() != null
                    ? new OptionalParameter[] {new OptionalParameter.User_message_reference(
                            (short) (int) r.message().userRef())}
                    : new OptionalParameter[0];
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    r.message().destination(), TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN,
                    "10690000", new ESMClass(0x04), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    DataCodings.newInstance((byte) 0), text.toReceiptText().getBytes(StandardCharsets.ISO_8859_1), tlvs);
            receiptsAnswered.incrementAndGet();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private SMPPServerSession bound() {
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (sessions.get(i).getSessionState().isBound()) {
                return sessions.get(i);
            }
        }
        return null;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession session)
            throws ProcessRequestException {
        received.incrementAndGet();
        sleep(answerDelayMillis);
        if (refuseWith != 0) {
            throw new ProcessRequestException("refused", refuseWith);
        }
        OptionalParameter ref = submitSm.getOptionalParameter(OptionalParameter.Tag.USER_MESSAGE_REFERENCE);
        Integer userRef = ref == null ? null : ((OptionalParameter.Short) ref).getValue() & 0xFFFF;
        Accepted a = new Accepted("L" + IDS.incrementAndGet(), submitSm.getDestAddress(), userRef,
                submitSm.getDataCoding() & 0xFF, submitSm.getEsmClass() & 0xFF, submitSm.getShortMessage());
        accepted.add(a);
        submits.put(a.messageId(), submitSm);
        MessageState auto = autoReceipt;
        if (auto != null) {
            receipt(a, auto);
        }
        try {
            return new SubmitSmResult(new MessageId(a.messageId()), new OptionalParameter[0]);
        } catch (org.jsmpp.PDUStringException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The submit_sm this SMSC took for the bus's outbox message smsId, in part order, once the bus has recorded an SMSC
     * message id for each of its parts ({@code GET /api/sms/{id}} as admin).
     */
    List<SubmitSm> awaitSubmits(RunningBus bus, String admin, String smsId, int parts) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        SmsOutboxFlowTest.await(() -> {
            try {
                JsonNode sms = json.readTree(bus.get("/sms/" + smsId, admin).body());
                ids.clear();
                sms.path("parts").forEach(p -> ids.add(p.path("smscMessageId").asText(null)));
                return ids.size() == parts && ids.stream().allMatch(x -> x != null && !x.equals("null"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return ids.stream().map(submits::get).toList();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        running = false;
        sessions.forEach(SMPPServerSession::close);
        listener.close();
        receiptSender.interrupt();
    }

}
