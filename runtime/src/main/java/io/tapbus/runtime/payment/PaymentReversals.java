package io.tapbus.runtime.payment;

import io.tapbus.rules.Reason;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a payment the paying party asks to reverse (a POS 0400/0401): an approved payment gets the opposite of its
 * ledger lines (the card's account or the bank clearing account refunded, the merchant debited) and status REVERSED,
 * in one transaction whose status-checked UPDATE makes a second reversal impossible; a bank-funded payment is
 * reversed at the bank first (the gateway queues a 0400 and repeats it until the bank acknowledges; queuing is
 * idempotent). A payment waiting for a step-up or for the bank is cancelled the same way; a declined one had nothing
 * moved. Every repeat answers the same and posts nothing.
 */
public final class PaymentReversals {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentReversals.class);

    public enum Result {
        /** Reversed now. */
        REVERSED,
        /** Reversed before (a repeat): nothing posted. */
        ALREADY_REVERSED,
        /** Declined or expired: nothing had moved, nothing to do. */
        NOTHING_TO_REVERSE,
        /** No payment under that key. */
        UNKNOWN,
        /** A bank-funded payment while no bank link is configured: nothing changed, ask again. */
        BANK_LINK_DOWN
    }

    public record Reversal(Result result, String paymentId, long amountMinor) {}

    private final PaymentBook book;
    private final WritePath writes;
    private final DailySpend dailySpend;
    private final LedgerService ledger;
    private final EventOutbox outbox;
    private final BankAuthorizer bank;

    /** {@code bank}: the bank link for bank-funded payments, or null when none is configured. */
    public PaymentReversals(PaymentBook book, WritePath writes, LedgerService ledger, DailySpend dailySpend, EventOutbox outbox,
                            BankAuthorizer bank) {
        this.book = book;
        this.writes = writes;
        this.dailySpend = dailySpend;
        this.ledger = ledger;
        this.outbox = outbox;
        this.bank = bank;
    }

    /** Reverses the payment recorded under {@code idempotencyKey}; {@code why} is added to its reasons. */
    public Reversal reverse(String idempotencyKey, Reason why) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Map<String, Object>> found = book.byKey(idempotencyKey);
            if (found.isEmpty()) {
                return new Reversal(Result.UNKNOWN, null, 0);
            }
            Map<String, Object> payment = found.get();
            String paymentId = (String) payment.get("payment_id");
            PaymentStatus status = PaymentBook.status(payment);
            long amount = ((Number) payment.get("amount_minor")).longValue();
            boolean bankFunded = "BANK".equals(payment.get("funding"));
            switch (status) {
                case REVERSED:
                    return new Reversal(Result.ALREADY_REVERSED, paymentId, amount);
                case DECLINED, EXPIRED:
                    return new Reversal(Result.NOTHING_TO_REVERSE, paymentId, amount);
                default:
                    break;
            }
            if (bankFunded && status != PaymentStatus.STEP_UP) {
                if (bank == null) {
                    return new Reversal(Result.BANK_LINK_DOWN, paymentId, amount);
                }
                // first the bank (idempotent, repeated until acknowledged): a crash before the commit below leaves the
                // payment APPROVED here, and the terminal's repeated 0401 finishes it
                bank.reverse(paymentId);
            }
            if (writes.execute(batch -> reverseIn(batch, payment, status, why))) {
                LOG.info("payment {} {} reversed ({}, was {})", paymentId, payment.get("channel"), why.code(), status);
                return new Reversal(Result.REVERSED, paymentId, amount);
            }
            // the status moved meanwhile (a bank answer, a step-up confirmation): look again
        }
        throw new IllegalStateException("payment under a reversal kept changing status");
    }

    /** False when the payment was no longer in {@code status}: nothing was written. */
    private boolean reverseIn(Batch batch, Map<String, Object> payment, PaymentStatus status, Reason why) {
        Handle h = batch.handle();
        String paymentId = (String) payment.get("payment_id");
        List<Reason> reasons = new ArrayList<>(book.reasons(payment));
        reasons.add(why);
        Instant now = Instant.now();
        if (!book.move(batch, paymentId, status, PaymentStatus.REVERSED, reasons)) {
            return false;
        }
        String originalTxn = (String) payment.get("txn_id");
        String reversalTxn = null;
        if (status == PaymentStatus.APPROVED && originalTxn != null) {
            List<LedgerService.Line> lines = h.createQuery("SELECT account_id, amount_minor FROM ledger_entry WHERE txn_id = ? ORDER BY entry_id")
                    .bind(0, originalTxn)
                    .map((rs, ctx) -> new LedgerService.Line(rs.getString(1), -rs.getLong(2))).list();
            if (!lines.isEmpty()) {
                long charged = lines.stream().mapToLong(LedgerService.Line::amountMinor).filter(a -> a > 0).sum();
                reversalTxn = Transactions.newId();
                // the unique idempotency key is a second guard: one reversal transaction per payment, ever; the
                // correlation id differs from the payment's own txn (unique per reader and correlation id)
                Transactions.record(batch, new Transactions.Txn(reversalTxn, "REVERSAL", "reversal:" + paymentId,
                        (String) payment.get("card_uid"), (String) payment.get("merchant_id"), (String) payment.get("reader_id"),
                        charged, ((String) payment.get("currency")).strip(), "APPROVED", null, "reversal:" + paymentId, now,
                        book.text(reasons)));
                ledger.post(batch, reversalTxn, lines);
                releaseDailySpend(batch, payment, charged);
            }
        }
        outbox.add(batch, event(payment, reversalTxn, reasons));
        return true;
    }

    /** The reversed amount no longer counts against the card's daily limit (of the day it was paid). */
    private void releaseDailySpend(Batch batch, Map<String, Object> payment, long charged) {
        Object card = payment.get("card_uid");
        if (card == null) {
            return;
        }
        Object created = payment.get("created_at");
        Instant paidAt = created instanceof java.sql.Timestamp t ? t.toInstant() : Instant.now();
        dailySpend.refund(batch, (String) card, paidAt.atZone(ZoneOffset.UTC).toLocalDate(), charged);
    }

    private BusinessEvent event(Map<String, Object> payment, String txnId, List<Reason> reasons) {
        String paymentId = (String) payment.get("payment_id");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paymentId", paymentId);
        data.put("transactionId", txnId);
        data.put("channel", payment.get("channel"));
        data.put("readerId", payment.get("reader_id"));
        data.put("amountMinor", payment.get("amount_minor"));
        data.put("currency", ((String) payment.get("currency")).strip());
        data.put("status", "REVERSED");
        data.put("funding", payment.get("funding"));
        data.put("reasons", reasons.stream().map(Reason::code).toList());
        String card = (String) payment.get("card_uid");
        return BusinessEvent.of("payment.reversed", paymentId, card == null ? paymentId : card, (String) payment.get("merchant_id"), data);
    }
}
