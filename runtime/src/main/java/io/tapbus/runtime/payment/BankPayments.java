package io.tapbus.runtime.payment;

import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bank-funded payments in the bank's two phases: recorded PENDING_BANK (durably) before the bank is asked, then
 * settled with the bank's answer, or REVERSED when it did not answer in time. Payments a crash left PENDING_BANK
 * are reversed at the bank by {@link #recoverPending}: never left half done.
 */
final class BankPayments {
    private static final Logger LOG = LoggerFactory.getLogger(BankPayments.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final WritePath writes;
    private final PaymentBook book;
    private final DecisionRecords decisions;
    private final Settlement settlement;
    private volatile BankAuthorizer bank;

    BankPayments(WritePath writes, PaymentBook book, DecisionRecords decisions, Settlement settlement) {
        this.writes = writes;
        this.book = book;
        this.decisions = decisions;
        this.settlement = settlement;
    }

    void use(BankAuthorizer bank) {
        this.bank = bank;
    }

    PaymentOutcome pay(PaymentContext p, String paymentId, List<Reason> reasons) {
        BankAuthorizer link = bank;
        if (link == null) {
            reasons.add(new Reason(ReasonCode.BANK_LINK_DOWN.name(), "bank-funded cards cannot be authorised: no bank link is configured"));
            return settlement.settle(p, paymentId, PaymentStatus.DECLINED, reasons, true);
        }
        PaymentCommand cmd = p.command();
        writes.execute(batch -> {
            if (p.confirming()) {
                if (!book.toBank(batch, paymentId)) {
                    throw DomainError.conflict("payment " + paymentId + " was finished meanwhile");
                }
                return null;
            }
            if (cmd.arqc() != null) {
                book.consumeAtc(batch, p.paymentCard.panToken(), cmd.atc());
            }
            decisions.record(batch, p.decision(), PaymentStatus.PENDING_BANK.name(), reasons, cmd.idempotencyKey());
            book.insert(batch, new PaymentBook.NewPayment(paymentId, p, PaymentStatus.PENDING_BANK, reasons, p.decision().getDecisionId(), null,
                    null, null, 0, Instant.now()));
            return null;
        });
        BankAuthorizer.BankAnswer answer = link.authorize(new BankAuthorizer.BankCall(paymentId, cmd.pan(), cmd.psn(),
                cmd.amountMinor() - Settlement.discount(p), cmd.currency(), cmd.merchantId(),
                cmd.readerId() == null ? "PHONE" : cmd.readerId(),
                cmd.arqcInput() == null ? null : HEX.formatHex(cmd.arqc()) + HEX.formatHex(cmd.arqcInput())));
        if (answer.approved()) {
            return settlement.settleFromBank(p, paymentId, PaymentStatus.APPROVED, reasons, answer.responseCode());
        }
        PaymentStatus status = PaymentStatus.DECLINED;
        switch (answer.outcome()) {
            case "DECLINED" -> reasons.add(new Reason(ReasonCode.BANK_DECLINED.name(), "the bank declined with response code " + answer.responseCode()));
            case "TIMED_OUT" -> {
                reasons.add(new Reason(ReasonCode.ISSUER_TIMEOUT.name(), "the bank did not answer in time; the request is being reversed"));
                status = PaymentStatus.REVERSED;
            }
            default -> reasons.add(new Reason(ReasonCode.ISSUER_UNAVAILABLE.name(), "the bank cannot be reached; nothing was sent"));
        }
        return settlement.settleFromBank(p, paymentId, status, reasons, answer.responseCode());
    }

    /** Reverses at the bank, and marks REVERSED, the payments waiting for it longer than {@code olderThan}. */
    int recoverPending(Duration olderThan) {
        BankAuthorizer link = bank;
        if (link == null) {
            return 0;
        }
        int done = 0;
        for (String paymentId : book.waitingForBankSince(Instant.now().minus(olderThan))) {
            link.reverse(paymentId);
            List<Reason> reasons = List.of(new Reason(ReasonCode.RECOVERED_REVERSAL.name(), "the bus stopped before answering; the bank authorisation is reversed"));
            if (writes.execute(batch -> book.move(batch, paymentId, PaymentStatus.PENDING_BANK, PaymentStatus.REVERSED, reasons))) {
                done++;
                LOG.warn("payment {} was left waiting for the bank; reversed", paymentId);
            }
        }
        return done;
    }
}
