package io.tapbus.runtime.payment;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.IssuerCryptogramKeys;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.common.Masking;
import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a payment's final answer in one write-path batch: the card's ATC consumed, the decision, the payment row
 * (new, or moved on from STEP_UP, PENDING_BANK or PENDING_CARRIER), the transaction, the ledger lines and today's spend when money
 * moves, the outbox event; then the ARPC for the card. Nothing is answered before the batch is durable.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String BANK_CLEARING = "P-BANK-CLEARING-CNY";
    /** What the operator collects on the phone bill for carrier-billed payments and owes the platform. */
    static final String CARRIER_RECEIVABLE = "P-CARRIER-RECEIVABLE-CNY";

    /** The card's transaction counter was used by another payment after the facts were read. */
    static final class AtcUsed extends ConcurrentChange {
        AtcUsed() {
            super("the card's transaction counter was used by another payment meanwhile");
        }
    }

    private final WritePath writes;
    private final PaymentBook book;
    private final DecisionRecords decisions;
    private final LedgerService ledger;
    private final DailySpend dailySpend;
    private final EventOutbox outbox;
    private final IssuerCryptogramKeys keys;
    private volatile ApprovedPayments approvedPayments = ApprovedPayments.NONE;

    Settlement(WritePath writes, PaymentBook book, DecisionRecords decisions, LedgerService ledger, DailySpend dailySpend,
               EventOutbox outbox, IssuerCryptogramKeys keys) {
        this.writes = writes;
        this.book = book;
        this.decisions = decisions;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.outbox = outbox;
        this.keys = keys;
    }

    void onApproved(ApprovedPayments listener) {
        approvedPayments = listener;
    }

    /** A payment decided now: a new row, or its step-up moved on when it is a confirmation. */
    PaymentOutcome settle(PaymentContext p, String paymentId, PaymentStatus status, List<Reason> reasons, boolean verified) {
        return settle(p, paymentId, status, reasons, verified, null, p.confirming() ? PaymentStatus.STEP_UP : null, false);
    }

    /** The bank answered a payment recorded PENDING_BANK (its decision recorded then, unless it was a confirmation). */
    PaymentOutcome settleFromBank(PaymentContext p, String paymentId, PaymentStatus status, List<Reason> reasons, String bankCode) {
        return settle(p, paymentId, status, reasons, true, bankCode, PaymentStatus.PENDING_BANK, !p.confirming());
    }

    /** The operator answered a carrier-billed payment recorded PENDING_CARRIER (its decision recorded then, unless a confirmation). */
    PaymentOutcome settleFromCarrier(PaymentContext p, String paymentId, PaymentStatus status, List<Reason> reasons) {
        return settle(p, paymentId, status, reasons, false, null, PaymentStatus.PENDING_CARRIER, !p.confirming());
    }

    private PaymentOutcome settle(PaymentContext p, String paymentId, PaymentStatus status, List<Reason> reasons, boolean verified,
                                  String bankCode, PaymentStatus from, boolean decisionRecorded) {
        PaymentCommand cmd = p.command();
        Decision decision = p.decision();
        boolean approved = status == PaymentStatus.APPROVED;
        long discount = approved ? discount(p) : 0;
        long charged = cmd.amountMinor() - discount;
        String[] arpc = verified ? arpc(p, approved) : new String[] {null, null};
        Instant now = Instant.now();
        String txnId = Transactions.newId();
        Long balance = writes.execute(batch -> {
            if (!decisionRecorded) {
                decisions.record(batch, decision, status.name(), reasons, cmd.idempotencyKey());
            }
            if (from == null) {
                if (verified && cmd.arqc() != null) {
                    book.consumeAtc(batch, p.paymentCard.panToken(), cmd.atc());
                }
                book.insert(batch, new PaymentBook.NewPayment(paymentId, p, status, reasons, decision.getDecisionId(), arpc[0], arpc[1], txnId,
                        discount, now));
            } else if (!book.move(batch, new PaymentBook.Move(paymentId, from, status, reasons, decision.getDecisionId(), arpc[0], arpc[1],
                    bankCode, txnId, discount, now))) {
                throw DomainError.conflict("payment " + paymentId + " was finished meanwhile");
            }
            Transactions.record(batch, new Transactions.Txn(txnId, "PAYMENT", "payment:" + paymentId, p.cardUid, cmd.merchantId(),
                    cmd.readerId(), approved ? charged : cmd.amountMinor(), cmd.currency(), status.name(), decision.getDecisionId(), paymentId,
                    now, book.text(reasons)));
            if (approved && charged > 0) {
                String debit = p.bankFunded() ? BANK_CLEARING : p.carrierBilled() ? CARRIER_RECEIVABLE : p.accountId;
                // the operator has charged the phone bill: recorded whatever else the card paid meanwhile
                long seen = p.carrierBilled() ? dailySpend.current(batch, p.cardUid) : p.facts().getDailySpentMinor();
                dailySpend.check(batch, p.cardUid, seen);
                ledger.post(batch, txnId, List.of(new LedgerService.Line(debit, -charged),
                        new LedgerService.Line(PartnerService.merchantAccountId(cmd.merchantId()), charged)));
                dailySpend.add(batch, p.cardUid, seen, charged);
            }
            if (approved && p.redemption() != null) {
                p.redemption().redeem(batch, paymentId); // coupons and budgets, in the payment's own unit (docs/pricing.md)
            }
            outbox.add(batch, PaymentEvents.of("payment." + status.eventName(), p, paymentId, status, reasons, txnId));
            if (approved) {
                approvedPayments.approved(batch, p.cardUid, cmd.merchantId(), charged, cmd.currency(), paymentId);
            }
            return p.accountId == null || p.bankFunded() || p.carrierBilled() ? null : ledger.balance(batch, p.accountId);
        });
        LOG.info("payment {} {} card={} amountMinor={} {} reasons={} ruleSet={}", paymentId, cmd.channel(),
                cmd.pan() == null ? "phone" : Masking.pan(cmd.pan()), cmd.amountMinor(), status,
                reasons.stream().map(Reason::code).toList(), decision.getRuleSetVersion());
        return new PaymentOutcome(paymentId, status, reasons, decision.getDecisionId(), arpc[0], arpc[1], balance, bankCode, discount);
    }

    /**
     * What the card is not charged: the loyalty discount the rules gave (output discountMinor) plus the offers of a basket
     * the card authorised in full (reader, chained POS: {@link Redemption#discountMinor()}), never more than the amount.
     */
    static long discount(PaymentContext p) {
        Object value = p.decision().getOutputs().get("discountMinor");
        long discount = (value instanceof Number n ? n.longValue() : 0) + basketDiscount(p);
        return Math.max(0, Math.min(discount, p.command().amountMinor()));
    }

    /** The offers of a basket the card authorised in full, 0 when none (a phone payment's amount is already the payable). */
    static long basketDiscount(PaymentContext p) {
        return p.redemption() == null ? 0 : Math.max(0, p.redemption().discountMinor());
    }

    /** ARPC method 2 over the ARQC with the card status update (approved or not), for a card-present payment. */
    private String[] arpc(PaymentContext p, boolean approved) {
        PaymentCommand cmd = p.command();
        if (cmd.arqc() == null || p.paymentCard == null || cmd.pan() == null) {
            return new String[] {null, null};
        }
        byte[] csu = {0, (byte) (approved ? TapBusApplication.CSU_APPROVED : 0), 0, 0};
        byte[] arpc = keys.arpcMethod2(p.paymentCard.issuerKeyLabel(), new CardId(cmd.pan(), cmd.psn()), cmd.atc(), cmd.arqc(), csu,
                new byte[0]);
        return new String[] {HEX.formatHex(arpc), HEX.formatHex(csu)};
    }
}
