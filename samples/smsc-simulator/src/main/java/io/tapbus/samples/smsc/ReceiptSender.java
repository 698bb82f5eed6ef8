package io.tapbus.samples.smsc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;

/**
 * Delivery receipts: a deliver_sm with esm_class 0x04 from the phone back to the sender, after the configured delay,
 * carrying the receipted_message_id and message_state TLVs, the user_message_reference of the submit when it had
 * one, and the SMPP 3.4 appendix B text {@code id:... sub:001 dlvrd:001 submit date:... done date:... stat:DELIVRD
 * err:000 text:}. The text field is left empty: the receipt does not repeat the message. A receipt that finds no
 * ESME bound as receiver or transceiver, or whose deliver_sm goes unanswered, waits for the next such bind.
 */
final class ReceiptSender implements AutoCloseable {

    /** esm_class 0x04: SMSC delivery receipt. */
    static final byte ESM_CLASS_RECEIPT = 0x04;
    private static final int MAX_PENDING = 500_000;
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    private record Receipt(Submitted submitted, ReceiptState state, SMPPServerSession preferred, long doneAtMillis) {
    }

    private final SmscSimulator simulator;
    private final Behaviour behaviour;
    private final Stats stats;
    private final Consumer<String> out;
    private final boolean printEach;
    private final ScheduledThreadPoolExecutor pool;
    private final Queue<Receipt> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    ReceiptSender(SmscSimulator simulator, Behaviour behaviour, Stats stats, Consumer<String> out, boolean printEach) {
        this.simulator = simulator;
        this.behaviour = behaviour;
        this.stats = stats;
        this.out = out;
        this.printEach = printEach;
        this.pool = new ScheduledThreadPoolExecutor(8, r -> SmscSimulator.daemon(r, "smsc-receipts"));
        this.pool.setRemoveOnCancelPolicy(true);
    }

    void schedule(Submitted submitted, SMPPServerSession session) {
        if (!behaviour.receipts()) {
            return;
        }
        ReceiptState state = behaviour.nextReceiptState();
        if (submitted.receiptOnFailureOnly() && state == ReceiptState.DELIVRD) {
            return;
        }
        long delay = behaviour.receiptDelayMillis();
        Runnable send = () -> send(new Receipt(submitted, state, session, System.currentTimeMillis()));
        if (delay == 0) {
            pool.execute(send);
        } else {
            pool.schedule(send, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void send(Receipt r) {
        Optional<SMPPServerSession> receiver = simulator.receiver(r.preferred());
        if (receiver.isEmpty()) {
            park(r);
            return;
        }
        Submitted s = r.submitted();
        try {
            receiver.get().deliverShortMessage("", TypeOfNumber.valueOf(s.destTon()), npi(s.destNpi()),
                    s.destination(), TypeOfNumber.valueOf(s.sourceTon()), npi(s.sourceNpi()), s.source(),
                    new ESMClass(ESM_CLASS_RECEIPT), (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text(r).getBytes(StandardCharsets.US_ASCII), tlvs(r));
            stats.receipts.increment();
            if (printEach) {
                out.accept("receipt: " + s.messageId() + " " + r.state() + " to " + MessagePrinter.address(s.sourceTon(),
                        s.source()) + (s.userMessageReference() >= 0 ? " (user_message_reference "
                        + s.userMessageReference() + ")" : ""));
            }
        } catch (NegativeResponseException e) {
            stats.receiptsFailed.increment();
            out.accept("receipt " + s.messageId() + " refused by the ESME with 0x"
                    + String.format("%08X", e.getCommandStatus()));
        } catch (Exception e) {
            park(r); // the connection went away or the ESME did not answer: deliver again after the next bind
        }
    }

    private static NumberingPlanIndicator npi(byte npi) {
        try {
            return NumberingPlanIndicator.valueOf(npi);
        } catch (IllegalArgumentException e) {
            return NumberingPlanIndicator.UNKNOWN;
        }
    }

    static String text(Submitted s, ReceiptState state, long doneAtMillis) {
        return "id:" + s.messageId() + " sub:001 dlvrd:" + state.delivered
                + " submit date:" + RECEIPT_DATE.format(Instant.ofEpochMilli(s.submittedAtMillis()))
                + " done date:" + RECEIPT_DATE.format(Instant.ofEpochMilli(doneAtMillis))
                + " stat:" + state.name() + " err:" + state.error + " text:";
    }

    private static String text(Receipt r) {
        return text(r.submitted(), r.state(), r.doneAtMillis());
    }

    private static OptionalParameter[] tlvs(Receipt r) {
        List<OptionalParameter> tlvs = new ArrayList<>(3);
        tlvs.add(new OptionalParameter.Receipted_message_id(r.submitted().messageId()));
        tlvs.add(new OptionalParameter.Message_state((byte) r.state().messageState));
        if (r.submitted().userMessageReference() >= 0) {
            tlvs.add(new OptionalParameter.User_message_reference((short) r.submitted().userMessageReference()));
        }
        return tlvs.toArray(OptionalParameter[]::new);
    }

    private void park(Receipt r) {
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            pendingCount.decrementAndGet();
            stats.receiptsFailed.increment();
            return;
        }
        pending.add(r);
    }

    /** Sends the receipts that waited for a receiver; called when an ESME binds as receiver or transceiver. */
    void flushPending() {
        Receipt r;
        while ((r = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            Receipt next = r;
            pool.execute(() -> send(next));
        }
    }

    int pending() {
        return pendingCount.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
