package io.tapbus.runtime.payment;

import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carrier-billed payments left PENDING_CARRIER (the operator did not answer in time, or the bus stopped) are settled with
 * what the operator holds: charged → APPROVED with the same ledger lines as a direct answer; reserved → cancelled at the
 * operator, DECLINED; not there (or denied, cancelled) → DECLINED. Still no answer: left pending for the next run.
 */
final class CarrierRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierRecovery.class);

    private final WritePath writes;
    private final PaymentBook book;
    private final LedgerService ledger;
    private final DailySpend dailySpend;
    private final EventOutbox outbox;

    CarrierRecovery(WritePath writes, PaymentBook book, LedgerService ledger, DailySpend dailySpend, EventOutbox outbox) {
        this.writes = writes;
        this.book = book;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.outbox = outbox;
    }

    int recover(CarrierBiller operator, Duration olderThan) {
        int done = 0;
        for (Map<String, Object> row : book.waitingForCarrierSince(Instant.now().minus(olderThan))) {
            String paymentId = (String) row.get("payment_id");
            CarrierBiller.CarrierAnswer answer = operator.resolve(new CarrierBiller.CarrierCharge(paymentId, (String) row.get("msisdn"),
                    charged(row), ((String) row.get("currency")).strip(), (String) row.get("merchant_id")), (String) row.get("carrier_payment_id"));
            if (answer.result() == CarrierBiller.Result.UNKNOWN) {
                LOG.warn("payment {} still waits for the operator ({}); asked again later", paymentId, answer.detail());
                continue;
            }
            if (answer.carrierPaymentId() != null && row.get("carrier_payment_id") == null) {
                writes.execute(batch -> {
                    book.carrierPaymentId(batch, paymentId, answer.carrierPaymentId());
                    return null;
                });
            }
            boolean moved = answer.result() == CarrierBiller.Result.CHARGED ? approve(row) : decline(paymentId, row, answer.detail());
            if (moved) {
                done++;
                LOG.warn("payment {} was left waiting for the operator; {}", paymentId, answer.result() == CarrierBiller.Result.CHARGED
                        ? "charged: approved" : "not charged: declined");
            }
        }
        return done;
    }

    private boolean decline(String paymentId, Map<String, Object> row, String detail) {
        List<Reason> reasons = new ArrayList<>(book.reasons(row));
        reasons.add(new Reason(ReasonCode.CARRIER_DECLINED.name(), "the operator did not charge the phone bill (" + detail
                + "); nothing was paid"));
        return writes.execute(batch -> book.move(batch, paymentId, PaymentStatus.PENDING_CARRIER, PaymentStatus.DECLINED, reasons));
    }

    /** The operator charged: the payment approved with its transaction, ledger lines, today's spend and event, once. */
    private boolean approve(Map<String, Object> row) {
        String paymentId = (String) row.get("payment_id");
        String cardUid = (String) row.get("card_uid");
        String merchant = (String) row.get("merchant_id");
        String currency = ((String) row.get("currency")).strip();
        long charged = charged(row);
        List<Reason> reasons = book.reasons(row);
        String txnId = Transactions.newId();
        Instant now = Instant.now();
        PaymentContext event = PaymentContext.request(new PaymentCommand("PHONE", (String) row.get("idempotency_key"), merchant, null, null,
                null, null, null, null, null, null, ((Number) row.get("amount_minor")).longValue(), currency, false, PaymentCommand.CARRIER_BILLING));
        event.cardUid = cardUid;
        event.facts.setFunding(PaymentCommand.CARRIER_BILLING);
        return writes.execute(batch -> {
            if (!book.move(batch, new PaymentBook.Move(paymentId, PaymentStatus.PENDING_CARRIER, PaymentStatus.APPROVED, reasons, null, null,
                    null, null, txnId, null, now))) {
                return false;
            }
            Transactions.record(batch, new Transactions.Txn(txnId, "PAYMENT", "payment:" + paymentId, cardUid, merchant, null, charged,
                    currency, PaymentStatus.APPROVED.name(), (String) row.get("decision_id"), paymentId, now, book.text(reasons)));
            if (charged > 0) {
                ledger.post(batch, txnId, List.of(new LedgerService.Line(Settlement.CARRIER_RECEIVABLE, -charged),
                        new LedgerService.Line(PartnerService.merchantAccountId(merchant), charged)));
                if (cardUid != null) {
                    dailySpend.add(batch, cardUid, dailySpend.current(batch, cardUid), charged);
                }
            }
            outbox.add(batch, PaymentEvents.of("payment.approved", event, paymentId, PaymentStatus.APPROVED, reasons, txnId));
            return true;
        });
    }

    private static long charged(Map<String, Object> row) {
        return ((Number) row.get("amount_minor")).longValue() - ((Number) row.get("discount_minor")).longValue();
    }
}
