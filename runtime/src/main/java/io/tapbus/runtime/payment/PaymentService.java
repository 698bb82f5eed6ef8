package io.tapbus.runtime.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.IssuerCryptogramKeys;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.rules.Decision;
import io.tapbus.rules.DecisionCatalog;
import io.tapbus.rules.Reason;
import io.tapbus.rules.RuleEngine;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.CardMask;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.WritePath;
import io.tapbus.runtime.platform.PartnerService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments by the universal card (on a reader or a chained POS) and by the phone. Checks the card's cryptogram
 * (ARQC) with the issuer keys and its transaction counter (ATC), asks the payment-authorize rules, and then:
 * stored-value payments settle on the platform in one database transaction; bank-funded payments are recorded
 * PENDING_BANK before the bank is asked, and finished (or reversed) after. A step-up waits for the card holder's
 * confirmation on the phone. Every answer is recorded under the request's idempotency key, so a repeat gets the same
 * answer and moves no money.
 */
public final class PaymentService {
    public static final Duration STEP_UP_TTL = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String BANK_CLEARING = "P-BANK-CLEARING-CNY";
    /** Recent payments are counted up to this many (velocity limits are far below it). */
    static final int VELOCITY_COUNT_CAP = 1000;

    private final Jdbi jdbi;
    private final WritePath writes;
    private final DailySpend dailySpend;
    private final DecisionRecords decisions;
    private final PaymentCards cards;
    private final IssuerCryptogramKeys keys;
    private final RuleEngine rules;
    private final LedgerService ledger;
    private final EventOutbox outbox;
    private CardDirectory cardDirectory;
    private final KeyVault vault;
    private final ObjectMapper json;
    private volatile BankAuthorizer bank;

    public PaymentService(Jdbi jdbi, WritePath writes, PaymentCards cards, IssuerCryptogramKeys keys, RuleEngine rules,
                          LedgerService ledger, DailySpend dailySpend, DecisionRecords decisions, EventOutbox outbox, KeyVault vault,
                          ObjectMapper json) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.dailySpend = dailySpend;
        this.decisions = decisions;
        this.cards = cards;
        this.keys = keys;
        this.rules = rules;
        this.ledger = ledger;
        this.outbox = outbox;
        this.vault = vault;
        this.json = json;
    }

    /** Where card facts are read (wired after construction, like the bank link). */
    public void useCards(CardDirectory directory) {
        this.cardDirectory = directory;
    }

    /** The bank link for bank-funded cards; without one they are declined (BANK_LINK_DOWN). */
    public void useBank(BankAuthorizer bank) {
        this.bank = bank;
    }

    // ---- the request ----

    public PaymentOutcome pay(PaymentCommand cmd) {
        validate(cmd);
        Optional<PaymentOutcome> earlier = earlier(cmd.idempotencyKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Facts facts = jdbi.withHandle(h -> gather(h, cmd, false));
        Decision decision = rules.decide(DecisionCatalog.PAYMENT_AUTHORIZE, facts.input);
        try {
            return record(cmd, facts, decision, null);
        } catch (DomainError e) {
            if (e.code() == DomainError.Code.DUPLICATE || isDuplicate(e.getCause())) {
                // the same idempotency key recorded concurrently: answer with that record
                return earlier(cmd.idempotencyKey()).orElseThrow(() -> e);
            }
            throw e;
        } catch (Sql.SqlFailure e) {
            if (isDuplicate(e)) {
                return earlier(cmd.idempotencyKey()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** The card holder confirms a step-up on the phone: decide again on fresh facts, now confirmed. */
    public PaymentOutcome confirm(String paymentId, String msisdn) {
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT p.*, u.msisdn FROM payment p JOIN card c ON c.card_uid = p.card_uid"
                        + " JOIN app_user u ON u.user_id = c.user_id WHERE p.payment_id = ?")
                .bind(0, paymentId).mapToMap().findOne())
                .filter(r -> r.get("msisdn").equals(msisdn))
                .orElseThrow(() -> ApiProblem.notFound("payment " + paymentId + " of " + msisdn));
        String status = (String) row.get("status");
        if (!"STEP_UP".equals(status)) {
            return outcome(row);
        }
        if (expireIfLate(row)) {
            return find(paymentId).orElseThrow();
        }
        PaymentCommand cmd = commandOf(row);
        Facts facts = jdbi.withHandle(h -> gather(h, cmd, true));
        Decision decision = rules.decide(DecisionCatalog.PAYMENT_AUTHORIZE, facts.input);
        return record(cmd, facts, decision, paymentId);
    }

    public Optional<PaymentOutcome> find(String paymentId) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM payment WHERE payment_id = ?").bind(0, paymentId).mapToMap().findOne())
                .map(this::outcome);
    }

    private Optional<PaymentOutcome> earlier(String idempotencyKey) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM payment WHERE idempotency_key = ?").bind(0, idempotencyKey).mapToMap()
                        .findOne())
                .map(row -> {
                    if ("STEP_UP".equals(row.get("status")) && expireIfLate(row)) {
                        return find((String) row.get("payment_id")).orElseThrow();
                    }
                    return outcome(row);
                });
    }

    private static void validate(PaymentCommand cmd) {
        if (cmd.idempotencyKey() == null || cmd.idempotencyKey().isBlank() || cmd.idempotencyKey().length() > 200) {
            throw ApiProblem.badRequest("an idempotency key of 1 to 200 characters is required");
        }
        if (cmd.currency() == null || !cmd.currency().matches("[A-Z]{3}")) {
            throw ApiProblem.badRequest("currency must be an ISO 4217 code such as CNY");
        }
        if (cmd.merchantId() == null) {
            throw ApiProblem.badRequest("merchantId is required");
        }
        if (cmd.pan() == null && cmd.msisdn() == null) {
            throw ApiProblem.badRequest("a payment names a card (PAN) or a phone user (MSISDN)");
        }
        if (cmd.arqc() != null && (cmd.atc() == null || cmd.arqcInput() == null || cmd.psn() == null)) {
            throw ApiProblem.badRequest("an ARQC comes with the ATC, the PAN sequence number and the data the card MACed");
        }
    }

    // ---- facts ----

    /** What the rules see, and what recording needs. */
    private static final class Facts {
        final PaymentAuthorizationInput input = new PaymentAuthorizationInput();
        PaymentCards.PaymentCard paymentCard;
        String cardUid;
        String accountId;
    }

    private Facts gather(Handle h, PaymentCommand cmd, boolean confirmed) {
        Facts f = new Facts();
        PaymentAuthorizationInput in = f.input;
        in.setChannel(cmd.channel());
        in.setReaderId(cmd.readerId());
        in.setMerchantId(cmd.merchantId());
        in.setAmountMinor(cmd.amountMinor());
        in.setCurrency(cmd.currency());
        in.setOffline(cmd.offline());
        in.setStepUpConfirmed(confirmed);
        String[] merchant = Sql.queryOne(h, "SELECT kind, status, merchant_category FROM partner WHERE partner_id = ?",
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, cmd.merchantId())
                .filter(m -> "MERCHANT".equals(m[0]))
                .orElseThrow(() -> ApiProblem.notFound("merchant " + cmd.merchantId()));
        in.setMerchantBlocked(!"ACTIVE".equals(merchant[1]));
        in.setMerchantCategory(cmd.merchantCategory() != null ? cmd.merchantCategory() : merchant[2]);

        if (cmd.pan() != null) {
            f.paymentCard = cards.find(h, cmd.pan()).orElse(null);
            f.cardUid = f.paymentCard == null ? null : f.paymentCard.cardUid();
            in.setFunding(f.paymentCard == null ? "STORED_VALUE" : f.paymentCard.funding());
        } else {
            f.cardUid = Sql.queryString(h, "SELECT c.card_uid FROM card c JOIN app_user u ON u.user_id = c.user_id WHERE u.msisdn = ?"
                    + " ORDER BY CASE c.status WHEN 'ACTIVE' THEN 0 ELSE 1 END, c.issued_at DESC LIMIT 1", cmd.msisdn());
            in.setFunding("STORED_VALUE");
        }
        in.setCryptogram(confirmed ? "VALID" : cryptogram(cmd, f.paymentCard));
        in.setCardKnown(f.cardUid != null);
        if (f.cardUid != null) {
            String cardUid = f.cardUid;
            CardDirectory.CardFact card = cardDirectory.find(cardUid);
            if (card == null) {
                throw new IllegalStateException("card " + CardMask.mask(cardUid) + " vanished while its payment was decided");
            }
            in.setCardStatus(card.status());
            f.accountId = card.accountId();
            LedgerService.AccountState account = f.accountId == null ? null : ledger.state(f.accountId);
            in.setAccountStatus(account == null ? null : account.status());
            in.setBalanceMinor(account == null ? 0 : account.balanceMinor());
            in.setDailySpentMinor(dailySpend.today(cardUid));
            // capped: the rules compare with a limit of a few dozen; counting thousands of rows would cost on every payment
            in.setRecentPayments((int) Sql.queryLong(h, "SELECT COUNT(*) FROM (SELECT 1 FROM payment WHERE card_uid = ? AND created_at > ?"
                    + " AND status IN ('APPROVED', 'PENDING_BANK') LIMIT " + VELOCITY_COUNT_CAP + ") recent", f.cardUid,
                    Instant.now().minus(Duration.ofMinutes(10))).orElse(0));
        }
        return f;
    }

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
        return cmd.atc() > card.lastAtc() ? "VALID" : "REPLAYED";
    }

    /** The card MACed the amount (CDOL1 starts with the amount authorised, n12 BCD): it must be the amount asked. */
    private static boolean amountMatches(PaymentCommand cmd) {
        String digits = HEX.formatHex(cmd.arqcInput(), 0, 6);
        return digits.matches("[0-9]{12}") && Long.parseLong(digits) == cmd.amountMinor();
    }

    // ---- recording ----

    private PaymentOutcome record(PaymentCommand cmd, Facts facts, Decision decision, String stepUpPaymentId) {
        String verdict = decision.getVerdict();
        List<Reason> reasons = new ArrayList<>(decision.getReasons());
        String paymentId = stepUpPaymentId != null ? stepUpPaymentId : "PAY-" + UUID.randomUUID();
        boolean verified = "VALID".equals(facts.input.getCryptogram());
        if (Decision.REFERRED.equals(verdict)) {
            return stepUp(cmd, facts, decision, paymentId, reasons);
        }
        if (!Decision.APPROVED.equals(verdict)) {
            return finish(cmd, facts, decision, paymentId, stepUpPaymentId != null, "DECLINED", reasons, verified, null, null);
        }
        if ("BANK".equals(facts.input.getFunding())) {
            return payByBank(cmd, facts, decision, paymentId, stepUpPaymentId != null, reasons);
        }
        try {
            return finish(cmd, facts, decision, paymentId, stepUpPaymentId != null, "APPROVED", reasons, verified, null, null);
        } catch (LedgerService.InsufficientFunds | ConcurrentChange raced) {
            reasons.add(new Reason("CONCURRENT_CHANGE", "the balance or today's spend changed while the payment was decided; pay again"));
            return finish(cmd, facts, decision, paymentId, stepUpPaymentId != null, "DECLINED", reasons, false, null, null);
        }
    }

    private PaymentOutcome stepUp(PaymentCommand cmd, Facts facts, Decision decision, String paymentId, List<Reason> reasons) {
        Instant now = Instant.now();
        writes.execute(batch -> {
            Handle h = batch.handle();
            if (cmd.arqc() != null && !PaymentCards.consumeAtc(h, facts.paymentCard.panToken(), cmd.atc())) {
                throw ApiProblem.conflict("the card's transaction counter was used meanwhile; tap again");
            }
            decisions.record(batch, decision, "STEP_UP", reasons, cmd.idempotencyKey());
            // no ARPC yet: the card gets one with the final answer (an approving ARPC must never outlive a step-up)
            insertPayment(h, paymentId, cmd, facts, "STEP_UP", reasons, decision.getDecisionId(), null, now);
            Sql.update(h, "UPDATE payment SET step_up_expires_at = ?, pan_sealed = ?, icc_data = ? WHERE payment_id = ?",
                    now.plus(STEP_UP_TTL), cmd.pan() == null ? null : vault.seal(cmd.pan().getBytes(), "payment:" + paymentId),
                    cmd.arqcInput() == null ? null : HEX.formatHex(cmd.arqcInput()), paymentId);
            outbox.add(batch, event("payment.step-up", cmd, facts, paymentId, "STEP_UP", reasons, null));
            return null;
        });
        LOG.info("payment {} {} card={} amountMinor={} needs the card holder's confirmation", paymentId, cmd.channel(),
                cmd.pan() == null ? "phone" : CardId.mask(cmd.pan()), cmd.amountMinor());
        return new PaymentOutcome(paymentId, "STEP_UP", reasons, decision.getDecisionId(), null, null, null, null, 0);
    }

    private PaymentOutcome payByBank(PaymentCommand cmd, Facts facts, Decision decision, String paymentId, boolean fromStepUp,
                                     List<Reason> reasons) {
        BankAuthorizer link = bank;
        if (link == null) {
            reasons.add(new Reason("BANK_LINK_DOWN", "bank-funded cards cannot be authorised: no bank link is configured"));
            return finish(cmd, facts, decision, paymentId, fromStepUp, "DECLINED", reasons, true, null, null);
        }
        Instant now = Instant.now();
        writes.execute(batch -> {
            Handle h = batch.handle();
            if (!fromStepUp) {
                if (cmd.arqc() != null && !PaymentCards.consumeAtc(h, facts.paymentCard.panToken(), cmd.atc())) {
                    throw ApiProblem.conflict("the card's transaction counter was used meanwhile; tap again");
                }
                decisions.record(batch, decision, "PENDING_BANK", reasons, cmd.idempotencyKey());
                insertPayment(h, paymentId, cmd, facts, "PENDING_BANK", reasons, decision.getDecisionId(), null, now);
            } else {
                Sql.update(h, "UPDATE payment SET status = 'PENDING_BANK', updated_at = ? WHERE payment_id = ? AND status = 'STEP_UP'", now,
                        paymentId);
            }
            return null;
        });
        BankAuthorizer.BankAnswer answer = link.authorize(new BankAuthorizer.BankCall(paymentId, cmd.pan(), cmd.psn(),
                cmd.amountMinor() - discount(decision, cmd.amountMinor()),
                cmd.currency(), cmd.merchantId(), cmd.readerId() == null ? "PHONE" : cmd.readerId(),
                cmd.arqcInput() == null ? null : HEX.formatHex(cmd.arqc()) + HEX.formatHex(cmd.arqcInput())));
        if (answer.approved()) {
            return finish(cmd, facts, decision, paymentId, true, "APPROVED", reasons, true, answer.responseCode(), "PENDING_BANK");
        }
        String status = "DECLINED";
        switch (answer.outcome()) {
            case "DECLINED" -> reasons.add(new Reason("BANK_DECLINED", "the bank declined with response code " + answer.responseCode()));
            case "TIMED_OUT" -> {
                reasons.add(new Reason("ISSUER_TIMEOUT", "the bank did not answer in time; the request is being reversed"));
                status = "REVERSED";
            }
            default -> reasons.add(new Reason("ISSUER_UNAVAILABLE", "the bank cannot be reached; nothing was sent"));
        }
        return finish(cmd, facts, decision, paymentId, true, status, reasons, true, answer.responseCode(), "PENDING_BANK");
    }

    /**
     * Records the final state in one transaction. {@code existingFrom}: the payment row exists in that status
     * (STEP_UP or PENDING_BANK) and is moved on only from it; otherwise a new row is written.
     */
    private PaymentOutcome finish(PaymentCommand cmd, Facts facts, Decision decision, String paymentId, boolean exists, String status,
                                  List<Reason> reasons, boolean verified, String bankCode, String existingFrom) {
        boolean approved = "APPROVED".equals(status);
        long discount = discount(decision, cmd.amountMinor());
        long charged = cmd.amountMinor() - discount;
        String[] arpc = verified && cmd.arqc() != null && cmd.pan() != null ? arpc(cmd, facts, approved) : new String[] {null, null};
        Instant now = Instant.now();
        String txnId = Transactions.newId();
        String from = existingFrom != null ? existingFrom : (exists ? "STEP_UP" : null);
        Long balance = writes.execute(batch -> {
            Handle h = batch.handle();
            if (from == null) {
                if (verified && cmd.arqc() != null && !PaymentCards.consumeAtc(h, facts.paymentCard.panToken(), cmd.atc())) {
                    throw ApiProblem.conflict("the card's transaction counter was used meanwhile; tap again");
                }
                decisions.record(batch, decision, status, reasons, cmd.idempotencyKey());
                insertPayment(h, paymentId, cmd, facts, status, reasons, decision.getDecisionId(), arpc, now, txnId,
                        approved ? discount : 0);
            } else {
                if (Sql.queryLong(h, "SELECT COUNT(*) FROM decision_record WHERE decision_id = ?", decision.getDecisionId()).orElse(0) == 0) {
                    decisions.record(batch, decision, status, reasons, cmd.idempotencyKey());
                }
                int moved = Sql.update(h, "UPDATE payment SET status = ?, reasons = ?, decision_id = ?, arpc = COALESCE(?, arpc),"
                                + " csu = COALESCE(?, csu), bank_response_code = ?, pan_sealed = NULL, updated_at = ?, txn_id = ?,"
                                + " discount_minor = ? WHERE payment_id = ? AND status = ?",
                        status, text(reasons), decision.getDecisionId(), arpc[0], arpc[1], bankCode, now, txnId, approved ? discount : 0,
                        paymentId, from);
                if (moved == 0) {
                    throw ApiProblem.conflict("payment " + paymentId + " was finished meanwhile");
                }
            }
            Transactions.record(batch, new Transactions.Txn(txnId, "PAYMENT", "payment:" + paymentId, facts.cardUid, cmd.merchantId(),
                    cmd.readerId(), approved ? charged : cmd.amountMinor(), cmd.currency(), status, decision.getDecisionId(), paymentId, now));
            if (approved && charged > 0) {
                String debit = "BANK".equals(facts.input.getFunding()) ? BANK_CLEARING : facts.accountId;
                dailySpend.check(batch, facts.cardUid, facts.input.getDailySpentMinor());
                ledger.post(batch, txnId, List.of(new LedgerService.Line(debit, -charged),
                        new LedgerService.Line(PartnerService.merchantAccountId(cmd.merchantId()), charged)));
                dailySpend.add(batch, facts.cardUid, facts.input.getDailySpentMinor(), charged);
            }
            outbox.add(batch, event("payment." + status.toLowerCase(), cmd, facts, paymentId, status, reasons, txnId));
            return facts.accountId == null || "BANK".equals(facts.input.getFunding()) ? null : ledger.balance(batch, facts.accountId);
        });
        LOG.info("payment {} {} card={} amountMinor={} {} reasons={} ruleSet={}", paymentId, cmd.channel(),
                cmd.pan() == null ? "phone" : CardId.mask(cmd.pan()), cmd.amountMinor(), status,
                reasons.stream().map(Reason::code).toList(), decision.getRuleSetVersion());
        return new PaymentOutcome(paymentId, status, reasons, decision.getDecisionId(), arpc[0], arpc[1], balance, bankCode,
                approved ? discount : 0);
    }

    /** The loyalty discount the rules gave (output discountMinor), never more than the amount. */
    private static long discount(Decision decision, long amountMinor) {
        Object value = decision.getOutputs().get("discountMinor");
        long discount = value instanceof Number n ? n.longValue() : 0;
        return Math.max(0, Math.min(discount, amountMinor));
    }

    /** ARPC method 2 over the ARQC with the card status update: approved or not. */
    private String[] arpc(PaymentCommand cmd, Facts facts, boolean approved) {
        if (cmd.arqc() == null || facts.paymentCard == null || cmd.pan() == null) {
            return new String[] {null, null};
        }
        byte[] csu = {0, (byte) (approved ? TapBusApplication.CSU_APPROVED : 0), 0, 0};
        byte[] arpc = keys.arpcMethod2(facts.paymentCard.issuerKeyLabel(), new CardId(cmd.pan(), cmd.psn()), cmd.atc(), cmd.arqc(), csu,
                new byte[0]);
        return new String[] {HEX.formatHex(arpc), HEX.formatHex(csu)};
    }

    private void insertPayment(Handle h, String paymentId, PaymentCommand cmd, Facts facts, String status, List<Reason> reasons,
                               String decisionId, String[] arpc, Instant now) {
        insertPayment(h, paymentId, cmd, facts, status, reasons, decisionId, arpc, now, null, 0);
    }

    private void insertPayment(Handle h, String paymentId, PaymentCommand cmd, Facts facts, String status, List<Reason> reasons,
                               String decisionId, String[] arpc, Instant now, String txnId, long discount) {
        Sql.update(h, "INSERT INTO payment(payment_id, idempotency_key, channel, merchant_id, reader_id, pan_token, card_uid, atc, arqc,"
                        + " amount_minor, currency, funding, status, reasons, decision_id, arpc, csu, created_at, updated_at, txn_id,"
                        + " discount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                paymentId, cmd.idempotencyKey(), cmd.channel(), cmd.merchantId(), cmd.readerId(),
                facts.paymentCard == null ? null : facts.paymentCard.panToken(), facts.cardUid, cmd.atc(),
                cmd.arqc() == null ? null : HEX.formatHex(cmd.arqc()), cmd.amountMinor(), cmd.currency(), facts.input.getFunding(), status,
                text(reasons), decisionId, arpc == null ? null : arpc[0], arpc == null ? null : arpc[1], now, now, txnId, discount);
    }

    private BusinessEvent event(String type, PaymentCommand cmd, Facts facts, String paymentId, String status, List<Reason> reasons,
                                String txnId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paymentId", paymentId);
        data.put("transactionId", txnId);
        data.put("channel", cmd.channel());
        data.put("readerId", cmd.readerId());
        data.put("card", facts.paymentCard != null ? facts.paymentCard.panMasked() : facts.cardUid);
        data.put("amountMinor", cmd.amountMinor());
        data.put("currency", cmd.currency());
        data.put("status", status);
        data.put("funding", facts.input.getFunding());
        data.put("reasons", reasons.stream().map(Reason::code).toList());
        return BusinessEvent.of(type, paymentId, facts.cardUid == null ? paymentId : facts.cardUid, cmd.merchantId(), data);
    }

    // ---- step-up expiry, recovery ----

    private boolean expireIfLate(Map<String, Object> row) {
        Object until = row.get("step_up_expires_at");
        Instant expires = until instanceof java.sql.Timestamp t ? t.toInstant() : null;
        if (expires == null || expires.isAfter(Instant.now())) {
            return false;
        }
        writes.execute(batch -> {
            List<Reason> reasons = List.of(new Reason("STEP_UP_EXPIRED", "the card holder did not confirm within " + STEP_UP_TTL.toSeconds() + " s"));
            return Sql.update(batch.handle(), "UPDATE payment SET status = 'EXPIRED', reasons = ?, pan_sealed = NULL, updated_at = ? WHERE payment_id = ?"
                    + " AND status = 'STEP_UP'", text(reasons), Instant.now(), row.get("payment_id"));
        });
        return true;
    }

    /**
     * Payments left PENDING_BANK by a crash (the bank may have approved; the reader never got the answer) are
     * reversed at the bank and marked REVERSED: never left half done. Called periodically and at start.
     */
    public int recoverPending(Duration olderThan) {
        BankAuthorizer link = bank;
        if (link == null) {
            return 0;
        }
        List<String> stuck = jdbi.withHandle(h -> h.createQuery("SELECT payment_id FROM payment WHERE status = 'PENDING_BANK' AND updated_at < ?")
                .bind(0, Instant.now().minus(olderThan)).mapTo(String.class).list());
        int done = 0;
        for (String paymentId : stuck) {
            link.reverse(paymentId);
            List<Reason> reasons = List.of(new Reason("RECOVERED_REVERSAL", "the bus stopped before answering; the bank authorisation is reversed"));
            done += writes.execute(batch -> Sql.update(batch.handle(), "UPDATE payment SET status = 'REVERSED', reasons = ?, pan_sealed = NULL,"
                    + " updated_at = ? WHERE payment_id = ? AND status = 'PENDING_BANK'", text(reasons), Instant.now(), paymentId));
            LOG.warn("payment {} was left waiting for the bank; reversed", paymentId);
        }
        return done;
    }

    private PaymentCommand commandOf(Map<String, Object> row) {
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
                ((String) row.get("currency")).strip(), false);
    }

    private PaymentOutcome outcome(Map<String, Object> row) {
        List<Reason> reasons;
        try {
            reasons = List.of(json.readValue((String) row.get("reasons"), Reason[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons are not JSON", e);
        }
        String status = (String) row.get("status");
        Long balance = null;
        if ("APPROVED".equals(status) && "STORED_VALUE".equals(row.get("funding")) && row.get("card_uid") != null) {
            CardDirectory.CardFact card = cardDirectory.find((String) row.get("card_uid"));
            balance = card == null || card.accountId() == null ? null : ledger.balance(card.accountId());
        }
        boolean approvedArpc = "APPROVED".equals(status);
        return new PaymentOutcome((String) row.get("payment_id"), status, reasons, (String) row.get("decision_id"),
                approvedArpc || !"STEP_UP".equals(status) ? (String) row.get("arpc") : null,
                approvedArpc || !"STEP_UP".equals(status) ? (String) row.get("csu") : null, balance, (String) row.get("bank_response_code"),
                ((Number) row.get("discount_minor")).longValue());
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
