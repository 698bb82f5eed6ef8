package io.tapbus.runtime.payment;

import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phone payments charged to the phone bill (CAMARA Carrier Billing), in the pattern of {@link BankPayments}: recorded
 * PENDING_CARRIER (durably) before the operator is asked, the operator's payment id recorded as soon as it is given,
 * then settled with the operator's answer: APPROVED (the merchant credited against the carrier receivable) or DECLINED
 * CARRIER_DECLINED. No answer leaves the payment PENDING_CARRIER, answered so (never as done), and
 * {@link CarrierRecovery} settles it with what the operator holds. The TapBus payment id is the operator's
 * clientCorrelator, so nothing is charged twice.
 */
final class CarrierPayments {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierPayments.class);

    private final WritePath writes;
    private final PaymentBook book;
    private final DecisionRecords decisions;
    private final Settlement settlement;
    private final CarrierRecovery recovery;
    private volatile CarrierBiller biller;

    CarrierPayments(WritePath writes, PaymentBook book, DecisionRecords decisions, Settlement settlement, CarrierRecovery recovery) {
        this.writes = writes;
        this.book = book;
        this.decisions = decisions;
        this.settlement = settlement;
        this.recovery = recovery;
    }

    void use(CarrierBiller biller) {
        this.biller = biller;
    }

    PaymentOutcome pay(PaymentContext p, String paymentId, List<Reason> reasons) {
        CarrierBiller operator = biller;
        if (operator == null) {
            reasons.add(new Reason(ReasonCode.CARRIER_UNAVAILABLE.name(), "carrier billing is not configured: no operator API; nothing was charged"));
            return settlement.settle(p, paymentId, PaymentStatus.DECLINED, reasons, false);
        }
        PaymentCommand cmd = p.command();
        long charged = cmd.amountMinor() - Settlement.discount(p);
        Instant now = Instant.now();
        writes.execute(batch -> {
            if (p.confirming()) {
                if (!book.move(batch, new PaymentBook.Move(paymentId, PaymentStatus.STEP_UP, PaymentStatus.PENDING_CARRIER, reasons, null, null,
                        null, null, null, cmd.amountMinor() - charged, now))) {
                    throw DomainError.conflict("payment " + paymentId + " was finished meanwhile");
                }
                return null;
            }
            decisions.record(batch, p.decision(), PaymentStatus.PENDING_CARRIER.name(), reasons, cmd.idempotencyKey());
            book.insert(batch, new PaymentBook.NewPayment(paymentId, p, PaymentStatus.PENDING_CARRIER, reasons, p.decision().getDecisionId(),
                    null, null, null, cmd.amountMinor() - charged, now));
            return null;
        });
        CarrierBiller.CarrierAnswer answer = operator.charge(
                new CarrierBiller.CarrierCharge(paymentId, cmd.msisdn(), charged, cmd.currency(), cmd.merchantId()),
                carrierId -> writes.execute(batch -> {
                    book.carrierPaymentId(batch, paymentId, carrierId);
                    return null;
                }));
        if (answer.result() == CarrierBiller.Result.UNKNOWN) {
            LOG.warn("payment {} waits for the operator ({}); ask again with the same idempotency key", paymentId, answer.detail());
            return book.outcome(book.byId(paymentId).orElseThrow());
        }
        boolean onTheBill = answer.result() == CarrierBiller.Result.CHARGED;
        if (!onTheBill) {
            reasons.add(new Reason(ReasonCode.CARRIER_DECLINED.name(), "the operator did not charge the phone bill (" + answer.detail() + ")"));
        }
        try {
            return settlement.settleFromCarrier(p, paymentId, onTheBill ? PaymentStatus.APPROVED : PaymentStatus.DECLINED, reasons);
        } catch (DomainError e) {
            if (e.code() != DomainError.Code.CONFLICT) {
                throw e;
            }
            return book.outcome(book.byId(paymentId).orElseThrow()); // recovery settled it meanwhile, with the same operator answer
        }
    }

    /** Settles, with what the operator holds, the payments waiting for it longer than {@code olderThan}. */
    int recoverPending(Duration olderThan) {
        CarrierBiller operator = biller;
        return operator == null ? 0 : recovery.recover(operator, olderThan);
    }
}
