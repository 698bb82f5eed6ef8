package io.tapbus.runtime.payment;

import io.tapbus.connector.card.IssuerCryptogramKeys;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment flow's record step: what the decision means for the payment. Referred: a step-up for the card holder;
 * declined: recorded; approved: settled on stored value, or taken to the bank for a bank-funded card. When the
 * facts changed before the write (the balance spent elsewhere, the card's ATC used by another payment) the payment
 * is declined with that reason instead. A concurrent repeat of the same request gets the recorded answer.
 */
public final class PaymentRecorder {
    private final PaymentBook book;
    private final Settlement settlement;
    private final StepUps stepUps;
    private final BankPayments bank;
    private final CarrierPayments carrier;
    private final StageTimers stages;

    public PaymentRecorder(Jdbi jdbi, WritePath writes, PaymentBook book, DecisionRecords decisions, LedgerService ledger,
                           DailySpend dailySpend, EventOutbox outbox, IssuerCryptogramKeys keys, KeyVault vault, StageTimers stages) {
        this.book = book;
        this.settlement = new Settlement(writes, book, decisions, ledger, dailySpend, outbox, keys);
        this.stepUps = new StepUps(jdbi, writes, book, decisions, outbox, vault);
        this.bank = new BankPayments(writes, book, decisions, settlement);
        this.carrier = new CarrierPayments(writes, book, decisions, settlement, new CarrierRecovery(writes, book, ledger, dailySpend, outbox));
        this.stages = stages;
    }

    /** The bank link for bank-funded cards; without one they are declined (BANK_LINK_DOWN). */
    public void useBank(BankAuthorizer link) {
        bank.use(link);
    }

    /** The operator that charges phone payments to the phone bill; without one they are declined (CARRIER_UNAVAILABLE). */
    public void useCarrier(CarrierBiller biller) {
        carrier.use(biller);
    }

    /** Tells the listener of every approved payment, inside the payment's write unit. */
    public void onApproved(ApprovedPayments listener) {
        settlement.onApproved(listener);
    }

    StepUps stepUps() {
        return stepUps;
    }

    int recoverPending(Duration olderThan) {
        return bank.recoverPending(olderThan) + carrier.recoverPending(olderThan);
    }

    public void record(PaymentContext p) {
        long start = System.nanoTime();
        try {
            p.answer(recordDecided(p));
        } catch (DomainError e) {
            p.answer(recordedMeanwhile(p, e, e.code() == DomainError.Code.DUPLICATE || isDuplicate(e.getCause())));
        } catch (Sql.SqlFailure e) {
            p.answer(recordedMeanwhile(p, e, isDuplicate(e)));
        }
        stages.record("payment", "record", start);
    }

    private PaymentOutcome recordDecided(PaymentContext p) {
        Decision decision = p.decision();
        List<Reason> reasons = new ArrayList<>(decision.getReasons());
        String paymentId = p.confirming() ? p.stepUpPaymentId() : "PAY-" + UUID.randomUUID();
        try {
            if (Decision.REFERRED.equals(decision.getVerdict()) && p.redemption() != null) {
                // a confirmation is decided again without the basket's offers: not taken (docs/pricing.md)
                reasons.add(new Reason("BASKET_STEP_UP_UNSUPPORTED", "a basket with offers cannot be confirmed on the phone yet; pay less at once"));
                return settlement.settle(p, paymentId, PaymentStatus.DECLINED, reasons, p.verified());
            }
            if (Decision.REFERRED.equals(decision.getVerdict())) {
                return stepUps.open(p, paymentId, reasons);
            }
            if (!Decision.APPROVED.equals(decision.getVerdict())) {
                return settlement.settle(p, paymentId, PaymentStatus.DECLINED, reasons, p.verified());
            }
            if (p.bankFunded()) {
                return bank.pay(p, paymentId, reasons);
            }
            if (p.carrierBilled()) {
                return carrier.pay(p, paymentId, reasons);
            }
            return settlement.settle(p, paymentId, PaymentStatus.APPROVED, reasons, p.verified());
        } catch (LedgerService.InsufficientFunds | ConcurrentChange raced) {
            if ((p.bankFunded() || p.carrierBilled()) && !(raced instanceof Settlement.AtcUsed)) {
                throw raced; // the bank (operator) was asked: the payment stays pending and recovery resolves it there
            }
            if (raced instanceof Redemption.OfferUnavailable && p.redemption().pricedAgainWhenTaken()) {
                throw raced; // nothing recorded: the card basket is priced again without the offer (CardBasketPayments)
            }
            List<Reason> declined = new ArrayList<>(decision.getReasons());
            declined.add(raced instanceof Redemption.OfferUnavailable
                    ? new Reason("OFFER_UNAVAILABLE", raced.getMessage())
                    : raced instanceof Settlement.AtcUsed
                    ? new Reason(ReasonCode.ATC_REPLAYED.name(), "the card's transaction counter was used by another payment meanwhile")
                    : new Reason(ReasonCode.CONCURRENT_CHANGE.name(), "the balance or today's spend changed while the payment was decided; pay again"));
            return settlement.settle(p, paymentId, PaymentStatus.DECLINED, declined, false);
        }
    }

    /** The same idempotency key was recorded by a concurrent request: its answer, else the failure. */
    private PaymentOutcome recordedMeanwhile(PaymentContext p, RuntimeException failure, boolean duplicate) {
        if (!duplicate) {
            throw failure;
        }
        return book.byKey(p.command().idempotencyKey()).map(book::outcome).orElseThrow(() -> failure);
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
