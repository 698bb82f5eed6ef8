package io.tapbus.runtime.payment;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.IssuerCryptogramKeys;
import io.tapbus.connector.common.Masking;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment flow's facts step: what the payment-authorize rules see. The merchant, the card and its cryptogram
 * (ARQC checked with the issuer keys, ATC against the last one used), the account's balance and today's spend (held
 * by the write path), and how many payments the card made in the last ten minutes.
 */
public final class PaymentFacts {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFacts.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Recent payments are counted up to this many (velocity limits are far below it). */
    static final int VELOCITY_COUNT_CAP = 1000;

    private final Jdbi jdbi;
    private final PaymentCards cards;
    private final IssuerCryptogramKeys keys;
    private final CardDirectory cardDirectory;
    private final LedgerService ledger;
    private final DailySpend dailySpend;
    private final StageTimers stages;
    private final PaymentBook book;
    private volatile io.tapbus.runtime.operator.SimSwapFacts simSwaps;

    public PaymentFacts(Jdbi jdbi, PaymentCards cards, PaymentBook book, IssuerCryptogramKeys keys, CardDirectory cardDirectory,
                        LedgerService ledger, DailySpend dailySpend, StageTimers stages) {
        this.jdbi = jdbi;
        this.book = book;
        this.cards = cards;
        this.keys = keys;
        this.cardDirectory = cardDirectory;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.stages = stages;
    }

    /** Phone payments get the paying number's SIM swap facts from the operator (not called: NOT_CONFIGURED). */
    public void useSimSwaps(io.tapbus.runtime.operator.SimSwapFacts simSwaps) {
        this.simSwaps = simSwaps;
    }

    public void gather(PaymentContext p) {
        long start = System.nanoTime();
        jdbi.useHandle(h -> gather(h, p));
        simSwapFacts(p); // after the handle is returned: an operator call must not hold a database connection
        stages.record("payment", "facts", start);
    }

    private void simSwapFacts(PaymentContext p) {
        if (!"PHONE".equals(p.command().channel())) {
            return;
        }
        io.tapbus.runtime.operator.SimSwapFacts lookup = simSwaps;
        if (lookup == null) {
            p.facts.setSimSwapCheck("NOT_CONFIGURED");
        } else {
            lookup.addTo(p.facts, p.command().msisdn());
        }
    }

    private void gather(Handle h, PaymentContext p) {
        PaymentCommand cmd = p.command();
        PaymentAuthorizationInput in = p.facts;
        in.setChannel(cmd.channel());
        in.setReaderId(cmd.readerId());
        in.setMerchantId(cmd.merchantId());
        in.setAmountMinor(cmd.amountMinor() - Settlement.basketDiscount(p)); // the rules decide on what the card will pay
        in.setCurrency(cmd.currency());
        in.setOffline(cmd.offline());
        in.setStepUpConfirmed(p.confirming());
        String[] merchant = Sql.queryOne(h, "SELECT kind, status, merchant_category FROM partner WHERE partner_id = ?",
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, cmd.merchantId())
                .filter(m -> "MERCHANT".equals(m[0]))
                .orElseThrow(() -> DomainError.notFound("merchant " + cmd.merchantId()));
        in.setMerchantBlocked(!"ACTIVE".equals(merchant[1]));
        in.setMerchantCategory(cmd.merchantCategory() != null ? cmd.merchantCategory() : merchant[2]);

        if (cmd.pan() != null) {
            p.paymentCard = cards.find(h, cmd.pan()).orElse(null);
            p.cardUid = p.paymentCard == null ? null : p.paymentCard.cardUid();
            in.setFunding(p.paymentCard == null ? "STORED_VALUE" : p.paymentCard.funding());
        } else {
            p.cardUid = Sql.queryString(h, "SELECT c.card_uid FROM card c JOIN app_user u ON u.user_id = c.user_id WHERE u.msisdn = ?"
                    + " ORDER BY CASE c.status WHEN 'ACTIVE' THEN 0 ELSE 1 END, c.issued_at DESC LIMIT 1", cmd.msisdn());
            in.setFunding(cmd.carrierBilled() ? PaymentCommand.CARRIER_BILLING : "STORED_VALUE");
        }
        in.setCryptogram(p.confirming() ? "VALID" : cryptogram(cmd, p.paymentCard));
        in.setCardKnown(p.cardUid != null);
        if (p.cardUid != null) {
            CardDirectory.CardFact card = cardDirectory.find(p.cardUid);
            if (card == null) {
                throw new IllegalStateException("card " + Masking.lastFour(p.cardUid) + " vanished while its payment was decided");
            }
            in.setCardStatus(card.status());
            p.accountId = card.accountId();
            LedgerService.AccountState account = p.accountId == null ? null : ledger.state(p.accountId);
            in.setAccountStatus(account == null ? null : account.status());
            in.setBalanceMinor(account == null ? 0 : account.balanceMinor());
            in.setDailySpentMinor(dailySpend.today(p.cardUid));
            // capped: the rules compare with a limit of a few dozen; counting thousands of rows would cost on every payment
            in.setRecentPayments((int) Sql.queryLong(h, "SELECT COUNT(*) FROM (SELECT 1 FROM payment WHERE card_uid = ? AND created_at > ?"
                    + " AND status IN ('APPROVED', 'PENDING_BANK', 'PENDING_CARRIER') LIMIT " + VELOCITY_COUNT_CAP + ") recent", p.cardUid,
                    Instant.now().minus(Duration.ofMinutes(10))).orElse(0));
        }
    }

    /** A repeat's cryptogram, checked as a new request's would be: the card it names (null when unknown) and the verdict. */
    CheckedTap check(PaymentCommand cmd) {
        PaymentCards.PaymentCard card = cmd.pan() == null ? null : jdbi.withHandle(h -> cards.find(h, cmd.pan())).orElse(null);
        return new CheckedTap(card, cryptogram(cmd, card));
    }

    /** A cryptogram's card and verdict (VALID, INVALID, REPLAYED, MALFORMED or NOT_PRESENT). */
    record CheckedTap(PaymentCards.PaymentCard card, String cryptogram) {}

    /** VALID, INVALID, REPLAYED, MALFORMED or NOT_PRESENT; for an unknown card NOT_PRESENT (the card decline says why). */
    private String cryptogram(PaymentCommand cmd, PaymentCards.PaymentCard card) {
        if (cmd.arqc() == null || card == null) {
            return "NOT_PRESENT";
        }
        if (cmd.arqc().length != 8 || cmd.arqcInput().length < 29 || !amountMatches(cmd)) {
            return "MALFORMED";
        }
        boolean valid;
        try {
            valid = keys.verifyArqc(card.issuerKeyLabel(), new CardId(cmd.pan(), cmd.psn()), cmd.atc(), cmd.arqcInput(), cmd.arqc());
        } catch (IllegalArgumentException | IssuerCryptogramKeys.UnknownKeyException e) {
            LOG.warn("cryptogram of {} not checkable: {}", card.panMasked(), e.getMessage());
            return "INVALID";
        }
        if (!valid) {
            return "INVALID";
        }
        Integer held = book.lastAtc(card.panToken()); // the writer's, ahead of the table
        int last = held == null ? card.lastAtc() : Math.max(held, card.lastAtc());
        return cmd.atc() > last ? "VALID" : "REPLAYED";
    }

    /** The card MACed the amount (CDOL1 starts with the amount authorised, n12 BCD): it must be the amount asked. */
    private static boolean amountMatches(PaymentCommand cmd) {
        String digits = HEX.formatHex(cmd.arqcInput(), 0, 6);
        return digits.matches("[0-9]{12}") && Long.parseLong(digits) == cmd.amountMinor();
    }
}
