package io.tapbus.runtime.payment;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments the rules referred to the card holder: recorded STEP_UP with what a confirmation needs (the PAN sealed,
 * the data the card MACed), confirmed on the phone within {@link #TTL} and then decided again, or EXPIRED.
 */
final class StepUps {
    static final Duration TTL = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(StepUps.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Jdbi jdbi;
    private final WritePath writes;
    private final PaymentBook book;
    private final DecisionRecords decisions;
    private final EventOutbox outbox;
    private final KeyVault vault;

    StepUps(Jdbi jdbi, WritePath writes, PaymentBook book, DecisionRecords decisions, EventOutbox outbox, KeyVault vault) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.book = book;
        this.decisions = decisions;
        this.outbox = outbox;
        this.vault = vault;
    }

    /** Records the payment as waiting for the card holder. No ARPC yet: an approving ARPC must never outlive a step-up. */
    PaymentOutcome open(PaymentContext p, String paymentId, List<Reason> reasons) {
        PaymentCommand cmd = p.command();
        Instant now = Instant.now();
        writes.execute(batch -> {
            if (cmd.arqc() != null && p.paymentCard != null) {
                book.consumeAtc(batch, p.paymentCard.panToken(), cmd.atc());
            }
            decisions.record(batch, p.decision(), PaymentStatus.STEP_UP.name(), reasons, cmd.idempotencyKey());
            book.insert(batch, new PaymentBook.NewPayment(paymentId, p, PaymentStatus.STEP_UP, reasons, p.decision().getDecisionId(), null, null,
                    null, 0, now));
            book.waitForConfirmation(batch, paymentId, now.plus(TTL),
                    cmd.pan() == null ? null : vault.seal(cmd.pan().getBytes(), "payment:" + paymentId), cmd.arqcInput());
            outbox.add(batch, PaymentEvents.of("payment.step-up", p, paymentId, PaymentStatus.STEP_UP, reasons, null));
            return null;
        });
        LOG.info("payment {} {} card={} amountMinor={} needs the card holder's confirmation", paymentId, cmd.channel(),
                cmd.pan() == null ? "phone" : Masking.pan(cmd.pan()), cmd.amountMinor());
        return new PaymentOutcome(paymentId, PaymentStatus.STEP_UP, reasons, p.decision().getDecisionId(), null, null, null, null, 0);
    }

    /** A step-up past its time is marked EXPIRED (true); false when it may still be confirmed. */
    boolean expireIfLate(Map<String, Object> row) {
        Object until = row.get("step_up_expires_at");
        Instant expires = until instanceof java.sql.Timestamp t ? t.toInstant() : null;
        if (expires == null || expires.isAfter(Instant.now())) {
            return false;
        }
        List<Reason> reasons = List.of(new Reason(ReasonCode.STEP_UP_EXPIRED.name(), "the card holder did not confirm within " + TTL.toSeconds() + " s"));
        writes.execute(batch -> book.move(batch, (String) row.get("payment_id"), PaymentStatus.STEP_UP, PaymentStatus.EXPIRED,
                reasons));
        return true;
    }

    /** The card holder said no (SMS reply N): STEP_UP to DECLINED; false when it was no longer waiting. */
    boolean refuse(String paymentId) {
        List<Reason> reasons = List.of(new Reason(ReasonCode.STEP_UP_REFUSED.name(), "the card holder refused the payment"));
        return writes.execute(batch -> book.move(batch, paymentId, PaymentStatus.STEP_UP, PaymentStatus.DECLINED, reasons));
    }

    /** The payment request as it was, rebuilt from its row for the confirmation's decision. */
    PaymentCommand commandOf(Map<String, Object> row) {
        String paymentId = (String) row.get("payment_id");
        String sealed = (String) row.get("pan_sealed");
        String pan = sealed == null ? null : new String(vault.open(sealed, "payment:" + paymentId));
        String icc = (String) row.get("icc_data");
        String arqc = (String) row.get("arqc");
        String psn = pan == null ? null : jdbi.withHandle(h -> Sql.queryString(h, "SELECT psn FROM payment_card WHERE pan_token = ?",
                row.get("pan_token")));
        String msisdn = (String) row.get("msisdn");
        return new PaymentCommand((String) row.get("channel"), (String) row.get("idempotency_key"), (String) row.get("merchant_id"),
                (String) row.get("reader_id"), null, pan, psn, (Integer) row.get("atc"), arqc == null ? null : HEX.parseHex(arqc),
                icc == null ? null : HEX.parseHex(icc), pan == null ? msisdn : null, ((Number) row.get("amount_minor")).longValue(),
                ((String) row.get("currency")).strip(), false,
                PaymentCommand.CARRIER_BILLING.equals(row.get("funding")) ? PaymentCommand.CARRIER_BILLING : null);
    }
}
