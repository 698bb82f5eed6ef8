package io.tapbus.runtime.payment;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.IssuerCryptogramKeys;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.runtime.write.WritePath;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repeat of a recorded card payment from a new tap: the card left the field (a step-up confirmed on the phone, a
 * reader's lost reply) and came back, so the repeat carries the same idempotency key but a new card session: a new
 * ATC, unpredictable number and ARQC. The card checks the issuer's ARPC against the ARQC of its own session, so the
 * recorded ARPC (over the first ARQC) would be refused (6300). The recorded answer is given again, nothing is decided
 * and no money moves again, with an ARPC over the new ARQC: once the new cryptogram verifies for the payment's card,
 * for the same amount and currency, and its ATC is taken (it must rise, as for any payment). A repeat of that repeat
 * gets the same ARPC. A new cryptogram that does not check out gets the recorded answer without an ARPC: the card
 * then writes nothing, and the reader's CARD_WRITE_RESULT reconciles an approved payment ({@link CardWrites}).
 */
public final class Retaps {
    private static final Logger LOG = LoggerFactory.getLogger(Retaps.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final WritePath writes;
    private final PaymentBook book;
    private final PaymentFacts facts;
    private final IssuerCryptogramKeys keys;

    public Retaps(WritePath writes, PaymentBook book, PaymentFacts facts, IssuerCryptogramKeys keys) {
        this.writes = writes;
        this.book = book;
        this.facts = facts;
        this.keys = keys;
    }

    /** A repeat with another cryptogram than the one recorded: the card was tapped again. */
    static boolean isNewTap(PaymentCommand cmd, Map<String, Object> row) {
        return cmd.arqc() != null && row.get("arqc") != null && !HEX.formatHex(cmd.arqc()).equals(row.get("arqc"));
    }

    /** The recorded answer for the new tap's card session. */
    PaymentOutcome answer(PaymentCommand cmd, Map<String, Object> row, PaymentOutcome recorded) {
        if (recorded.status() == PaymentStatus.STEP_UP || recorded.status() == PaymentStatus.PENDING_BANK) {
            return recorded; // not final yet: no ARPC, the reader asks again
        }
        String paymentId = recorded.paymentId();
        String arqc = HEX.formatHex(cmd.arqc());
        boolean answeredBefore = arqc.equals(row.get("retap_arqc")) && cmd.atc() != null && cmd.atc().equals(row.get("retap_atc"));
        PaymentFacts.CheckedTap tap = facts.check(cmd);
        boolean sameCard = tap.card() != null && tap.card().panToken().equals(row.get("pan_token"));
        boolean checks = "VALID".equals(tap.cryptogram()) || answeredBefore && "REPLAYED".equals(tap.cryptogram());
        if (!sameCard || !checks || !sameTransaction(cmd, row)) {
            LOG.warn("payment {} repeated from a new tap whose cryptogram does not check out ({}{}); answered without an ARPC", paymentId,
                    sameCard ? tap.cryptogram() : "another card", sameTransaction(cmd, row) ? "" : ", other amount or currency");
            return withArpc(recorded, null, null);
        }
        if (!answeredBefore) {
            try {
                writes.execute(batch -> {
                    book.consumeAtc(batch, tap.card().panToken(), cmd.atc());
                    book.retapped(batch, paymentId, cmd.atc(), arqc);
                    return null;
                });
            } catch (Settlement.AtcUsed used) {
                LOG.warn("payment {} repeated from a new tap whose ATC was used meanwhile; answered without an ARPC", paymentId);
                return withArpc(recorded, null, null);
            }
        }
        byte[] csu = {0, (byte) (recorded.approved() ? TapBusApplication.CSU_APPROVED : 0), 0, 0};
        byte[] arpc = keys.arpcMethod2(tap.card().issuerKeyLabel(), new CardId(cmd.pan(), cmd.psn()), cmd.atc(), cmd.arqc(), csu,
                new byte[0]);
        LOG.info("payment {} ({}) repeated from a new tap, ATC {}: the recorded answer with an ARPC over the new ARQC", paymentId,
                recorded.status(), cmd.atc());
        return withArpc(recorded, HEX.formatHex(arpc), HEX.formatHex(csu));
    }

    private static boolean sameTransaction(PaymentCommand cmd, Map<String, Object> row) {
        return ((Number) row.get("amount_minor")).longValue() == cmd.amountMinor()
                && ((String) row.get("currency")).strip().equals(cmd.currency());
    }

    private static PaymentOutcome withArpc(PaymentOutcome o, String arpc, String csu) {
        return new PaymentOutcome(o.paymentId(), o.status(), o.reasons(), o.decisionId(), arpc, csu, o.balanceMinor(), o.bankResponseCode(),
                o.discountMinor());
    }
}
