package io.tapbus.runtime.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.CardMask;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tap flow's steps that touch platform data: enrich a tap with card, account and merchant facts,
 * and record the decision, the transaction and its ledger lines in one database transaction.
 */
public final class TapService {
    public static final String DECISION = "tap-authorize";
    public static final String RESULT_PROPERTY = "TapBusTapResult";
    private static final Logger LOG = LoggerFactory.getLogger(TapService.class);

    private final Jdbi jdbi;
    private final ReaderRegistry readers;
    private final LedgerService ledger;
    private final ObjectMapper json;
    private final EventOutbox outbox;

    public TapService(Jdbi jdbi, ReaderRegistry readers, LedgerService ledger, EventOutbox outbox, ObjectMapper json) {
        this.jdbi = jdbi;
        this.readers = readers;
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * A reader that did not get an answer retries with the same correlationId: answer it with the
     * recorded outcome instead of deciding again. Leaves the answer in {@link #RESULT_PROPERTY} when
     * this (reader, correlationId) was already recorded.
     */
    public void findEarlierOutcome(TapContext tap, Exchange exchange) {
        if (!tap.retryable()) {
            return; // the bus made up this correlationId just now: nothing can have been recorded under it
        }
        jdbi.useHandle(h -> h.createQuery("SELECT t.txn_id, t.status, t.decision_id, d.reasons, c.account_id FROM txn t "
                        + "LEFT JOIN decision_record d ON d.decision_id = t.decision_id LEFT JOIN card c ON c.card_uid = t.card_uid "
                        + "WHERE t.reader_id = ? AND t.correlation_id = ?")
                .bind(0, tap.readerId()).bind(1, tap.correlationId())
                .mapToMap().findOne()
                .ifPresent(row -> {
                    String accountId = (String) row.get("account_id");
                    Long balance = accountId == null ? null : ledger.find(accountId).map(LedgerService.Account::balanceMinor).orElse(null);
                    exchange.setProperty(RESULT_PROPERTY, new TapResponse(TapResponse.Verdict.valueOf((String) row.get("status")),
                            storedReasons((String) row.get("reasons")), (String) row.get("txn_id"), (String) row.get("decision_id"),
                            balance, tap.correlationId()));
                    LOG.info("tap retry from reader {} answered with the recorded outcome of {}", tap.readerId(), row.get("txn_id"));
                }));
    }

    private List<TapResponse.Reason> storedReasons(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(this.json.readValue(json, TapResponse.Reason[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons are not JSON", e);
        }
    }

    public void enrich(TapContext tap) {
        ReaderRegistry.ReaderEntry reader = readers.entry(tap.readerId()).orElseThrow();
        TapRequest req = tap.request();
        TapAuthorizationInput facts = new TapAuthorizationInput();
        facts.setReaderId(tap.readerId());
        facts.setMerchantId(reader.merchantId());
        facts.setCardUid(req.cardUid());
        facts.setAmountMinor(req.amountMinor());
        facts.setCurrency(req.currency());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String accountId = jdbi.withHandle(h -> {
            Map<String, Object> row = h.createQuery("SELECT c.status AS card_status, a.account_id, a.status AS account_status, "
                            + "a.balance_minor FROM card c LEFT JOIN account a ON a.account_id = c.account_id WHERE c.card_uid = ?")
                    .bind(0, req.cardUid()).mapToMap().findOne().orElse(null);
            if (row == null) {
                facts.setCardStatus(CardStatus.UNKNOWN);
                facts.setAccountStatus(AccountStatus.NONE);
                return null;
            }
            facts.setCardStatus(CardStatus.valueOf((String) row.get("card_status")));
            facts.setAccountStatus(row.get("account_status") == null ? AccountStatus.NONE : AccountStatus.valueOf((String) row.get("account_status")));
            facts.setBalanceMinor(row.get("balance_minor") == null ? 0 : ((Number) row.get("balance_minor")).longValue());
            facts.setDailySpentMinor(h.createQuery("SELECT spent_minor FROM card_daily_spend WHERE card_uid = ? AND spend_day = ?")
                    .bind(0, req.cardUid()).bind(1, today).mapTo(Long.class).findOne().orElse(0L));
            return (String) row.get("account_id");
        });
        tap.enriched(reader.merchantId(), accountId, facts);
    }

    /**
     * Records the decision, the transaction and its business event in one database transaction; an
     * approved tap with an amount moves it from the card's stored-value account to the merchant's
     * account. Leaves the answer for the reader in the exchange property {@link #RESULT_PROPERTY}.
     */
    public void record(TapContext tap, Exchange exchange) {
        Decision decision = tap.decision();
        String txnId = "T-" + UUID.randomUUID();
        boolean approved = "APPROVED".equals(decision.getVerdict());
        List<Reason> reasons = new ArrayList<>(decision.getReasons());
        Recorded recorded;
        try {
            recorded = persist(tap, txnId, approved, decision.getVerdict(), reasons);
        } catch (LedgerService.InsufficientFunds raced) {
            // Another tap spent the balance between enrich and record: decline rather than overdraw.
            reasons.add(new Reason("INSUFFICIENT_FUNDS", "balance changed while the tap was being decided"));
            recorded = persist(tap, txnId, false, "DECLINED", reasons);
        } catch (StaleFacts changed) {
            // The card was blocked or used elsewhere while this tap was decided on older facts.
            reasons.add(new Reason("CONCURRENT_CHANGE", "the card changed while the tap was being decided; tap again"));
            recorded = persist(tap, txnId, false, "DECLINED", reasons);
        }
        String status = recorded.status();
        exchange.setProperty(RESULT_PROPERTY, new TapResponse(TapResponse.Verdict.valueOf(status),
                reasons.stream().map(r -> new TapResponse.Reason(r.code(), r.message())).toList(),
                txnId, decision.getDecisionId(), recorded.balanceMinor(), tap.correlationId()));
        LOG.info("tap {} reader={} card={} amountMinor={} verdict={} reasons={} ruleSet={}", txnId, tap.readerId(),
                CardMask.mask(tap.request().cardUid()), tap.request().amountMinor(), status,
                reasons.stream().map(Reason::code).toList(), decision.getRuleSetVersion());
    }

    private BusinessEvent event(TapContext tap, String txnId, String status, List<Reason> reasons) {
        Decision decision = tap.decision();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("transactionId", txnId);
        data.put("readerId", tap.readerId());
        data.put("cardUid", tap.request().cardUid());
        data.put("amountMinor", tap.request().amountMinor());
        data.put("currency", tap.request().currency());
        data.put("verdict", status);
        data.put("reasons", reasons.stream().map(Reason::code).toList());
        data.put("decisionId", decision.getDecisionId());
        data.put("ruleSetVersion", decision.getRuleSetVersion());
        return BusinessEvent.of("tap.decided", tap.correlationId(), tap.request().cardUid(), tap.merchantId(), data);
    }

    /** What one recorded tap left behind: its status and the card account's balance after it. */
    private record Recorded(String status, Long balanceMinor) {}

    private Recorded persist(TapContext tap, String txnId, boolean approved, String verdict, List<Reason> reasons) {
        String status = approved ? "APPROVED" : "DECLINED";
        Decision d = tap.decision();
        TapRequest req = tap.request();
        return jdbi.inTransaction(h -> {
            if (approved) {
                checkCardStatus(h, tap);
            }
            insertDecision(h, d, verdict, reasons, tap.correlationId());
            Sql.update(h, "INSERT INTO txn(txn_id, kind, idempotency_key, card_uid, merchant_id, reader_id, amount_minor, currency, "
                            + "status, decision_id, correlation_id, created_at) VALUES (?, 'TAP', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    txnId, "reader:" + tap.readerId() + ":" + tap.sequence(), req.cardUid(), tap.merchantId(), tap.readerId(),
                    req.amountMinor(), req.currency(), status, d.getDecisionId(), tap.correlationId(), Instant.now());
            if (approved && req.amountMinor() > 0) {
                ledger.post(h, txnId, List.of(new LedgerService.Line(tap.accountId(), -req.amountMinor()),
                        new LedgerService.Line(PartnerService.merchantAccountId(tap.merchantId()), req.amountMinor())));
                addDailySpend(h, tap);
            }
            outbox.add(h, event(tap, txnId, status, reasons));
            Long balance = tap.accountId() == null ? null
                    : Sql.queryLong(h, "SELECT balance_minor FROM account WHERE account_id = ?", tap.accountId()).orElseThrow();
            return new Recorded(status, balance);
        });
    }

    /** Thrown when the facts a tap was approved on no longer hold at record time. */
    private static final class StaleFacts extends RuntimeException {
        StaleFacts() {
            super(null, null, false, false);
        }
    }

    /**
     * Checks that the card status the rules saw still holds. Today's spend is re-checked where it is
     * written ({@link #addDailySpend}): the update only applies if nobody changed it meanwhile.
     */
    private static void checkCardStatus(Handle h, TapContext tap) {
        String status = Sql.queryString(h, "SELECT status FROM card WHERE card_uid = ?", tap.request().cardUid());
        if (!tap.facts().getCardStatus().name().equals(status == null ? "UNKNOWN" : status)) {
            throw new StaleFacts();
        }
    }

    /**
     * Adds the tap to today's spend of the card, only if the spend is still what the rules saw; two
     * concurrent taps of one card cannot both pass the daily limit.
     */
    private static void addDailySpend(Handle h, TapContext tap) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long seen = tap.facts().getDailySpentMinor();
        long amount = tap.request().amountMinor();
        int updated = Sql.update(h, "UPDATE card_daily_spend SET spent_minor = spent_minor + ? "
                + "WHERE card_uid = ? AND spend_day = ? AND spent_minor = ?", amount, tap.request().cardUid(), today, seen);
        if (updated == 0) {
            if (seen != 0) {
                throw new StaleFacts();
            }
            try {
                Sql.update(h, "INSERT INTO card_daily_spend(card_uid, spend_day, spent_minor) VALUES (?, ?, ?)",
                        tap.request().cardUid(), today, amount);
            } catch (Sql.SqlFailure e) {
                if (e.sqlState() != null && e.sqlState().startsWith("23")) {
                    throw new StaleFacts(); // a concurrent first tap of the day made the row first
                }
                throw e;
            }
        }
    }

    private void insertDecision(Handle h, Decision d, String verdict, List<Reason> reasons, String correlationId) {
        try {
            Sql.update(h, "INSERT INTO decision_record(decision_id, decision_name, rule_set_version, verdict, reasons, rules_fired, "
                            + "correlation_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    d.getDecisionId(), d.getDecisionName(), d.getRuleSetVersion(), verdict, json.writeValueAsString(reasons),
                    json.writeValueAsString(d.getRulesFired()), correlationId, d.getDecidedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
