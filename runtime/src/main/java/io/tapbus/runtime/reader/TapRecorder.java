package io.tapbus.runtime.reader;

import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.decisions.DecisionRecords;
import io.tapbus.runtime.domain.ConcurrentChange;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.Transactions;
import io.tapbus.runtime.write.Batch;
import io.tapbus.runtime.write.KeyFilter;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;

/**
 * Records a decided tap as one write unit: re-checks the facts the rules saw against the state the writer
 * holds (card status, today's spend, balance), then stages the decision, the transaction, its ledger lines
 * and the business event. A tap whose facts changed meanwhile is recorded as declined with the reason.
 */
public final class TapRecorder {
    /** The answer of a unit that found its (reader, correlationId) already recorded. */
    static final TapResponse ALREADY_RECORDED = new TapResponse(TapResponse.Verdict.DECLINED, List.of(), "-", "-", null, "-");

    private final WritePath writes;
    private final CardDirectory cards;
    private final LedgerService ledger;
    private final DailySpend dailySpend;
    private final DecisionRecords decisions;
    private final EventOutbox outbox;
    private final java.util.function.Function<TapContext, Decision> redecide;
    /** (reader, correlationId) of recorded taps to their transaction: a retry is recognised without a query. */
    private final StateTable<String, String> recorded;
    private volatile KeyFilter olderTaps = new KeyFilter(1);

    public TapRecorder(Jdbi jdbi, WritePath writes, CardDirectory cards, LedgerService ledger, DailySpend dailySpend,
                       DecisionRecords decisions, EventOutbox outbox, java.util.function.Function<TapContext, Decision> redecide) {
        this.redecide = redecide;
        this.writes = writes;
        this.cards = cards;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.decisions = decisions;
        this.outbox = outbox;
        // no row read per key: recent taps are loaded at start, older retries meet the table's unique key
        this.recorded = new StateTable<>("tap retry keys", jdbi, (h, key) -> null, (batch, key, txnId, exists) -> { });
    }

    /**
     * Taps of the last {@code since} are known exactly (in memory); every older one goes into a Bloom filter,
     * so a retry of an old tap is looked up in the table and a new tap never is.
     */
    int rememberRecentTaps(Jdbi jdbi, Instant since) {
        long older = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM txn WHERE kind = 'TAP'").mapTo(Long.class).one());
        olderTaps = new KeyFilter((int) Math.min(Integer.MAX_VALUE / 10, older + 1_000_000));
        int[] recent = {0};
        jdbi.useHandle(h -> h.createQuery("SELECT reader_id, correlation_id, txn_id, created_at FROM txn WHERE kind = 'TAP'"
                        + " AND correlation_id IS NOT NULL")
                .map((rs, ctx) -> {
                    String key = key(rs.getString(1), rs.getString(2));
                    if (rs.getTimestamp(4).toInstant().isAfter(since)) {
                        recorded.preload(key, rs.getString(3));
                        recent[0]++;
                    } else {
                        olderTaps.add(key);
                    }
                    return 1;
                }).forEach(x -> { }));
        return recent[0];
    }

    /** Whether a tap older than the retry memory may carry this key (then the table is asked). */
    private boolean maybeOlder(Batch batch, TapContext tap) {
        if (!olderTaps.mightContain(key(tap.readerId(), tap.correlationId()))) {
            return false;
        }
        return batch.handle().createQuery("SELECT COUNT(*) FROM txn WHERE reader_id = ? AND correlation_id = ?")
                .bind(0, tap.readerId()).bind(1, tap.correlationId()).mapTo(Integer.class).one() > 0;
    }

    boolean recorded(TapContext tap) {
        return recorded.read(key(tap.readerId(), tap.correlationId())) != null;
    }

    /** Waits until the tables hold every answered tap (before reading one back from them). */
    void catchUp() {
        writes.catchUp();
    }

    CompletableFuture<TapResponse> submit(TapContext tap) {
        return writes.submit(batch -> record(batch, tap));
    }

    private static String key(String readerId, String correlationId) {
        return readerId + "|" + correlationId;
    }

    private TapResponse record(Batch batch, TapContext tap) {
        String retryKey = key(tap.readerId(), tap.correlationId());
        if (tap.retryable() && (batch.state(recorded, retryKey) != null || maybeOlder(batch, tap))) {
            return ALREADY_RECORDED;
        }
        TapRequest req = tap.request();
        String txnId = Transactions.newId();
        if ("APPROVED".equals(tap.decision().getVerdict()) && !factsHold(batch, tap)) {
            // another tap of the card was recorded after these facts were read: decide again on the writer's own
            // state, which no one else changes (the rules run here only when taps of one card overlap)
            refreshFacts(batch, tap);
            tap.decided(redecide.apply(tap));
        }
        Decision decision = tap.decision();
        List<Reason> reasons = new ArrayList<>(decision.getReasons());
        boolean approved = "APPROVED".equals(decision.getVerdict());
        if (approved) {
            try {
                checkFacts(batch, tap);
                if (req.amountMinor() > 0) {
                    ledger.post(batch, txnId, List.of(new LedgerService.Line(tap.accountId(), -req.amountMinor()),
                            new LedgerService.Line(PartnerService.merchantAccountId(tap.merchantId()), req.amountMinor())));
                    dailySpend.add(batch, req.cardUid(), tap.facts().getDailySpentMinor(), req.amountMinor());
                }
            } catch (LedgerService.InsufficientFunds raced) {
                approved = false; // never overdraw
                reasons.add(new Reason(ReasonCode.INSUFFICIENT_FUNDS.name(), "balance changed while the tap was being decided"));
            } catch (ConcurrentChange changed) {
                approved = false;
                reasons.add(new Reason(ReasonCode.CONCURRENT_CHANGE.name(), "the card changed while the tap was being decided; tap again"));
            }
        }
        String status = approved ? "APPROVED" : "DECLINED";
        decisions.record(batch, decision, approved ? decision.getVerdict() : "DECLINED", reasons, tap.correlationId());
        Transactions.record(batch, new Transactions.Txn(txnId, "TAP", "reader:" + tap.readerId() + ":" + tap.sequence(), req.cardUid(),
                tap.merchantId(), tap.readerId(), req.amountMinor(), req.currency(), status, decision.getDecisionId(),
                tap.correlationId(), Instant.now()));
        outbox.add(batch, event(tap, txnId, status, reasons));
        if (tap.retryable()) {
            batch.put(recorded, retryKey, txnId);
        }
        return new TapResponse(TapResponse.Verdict.valueOf(status),
                reasons.stream().map(r -> new TapResponse.Reason(r.code(), r.message())).toList(), txnId, decision.getDecisionId(),
                tap.accountId() == null ? null : ledger.balance(batch, tap.accountId()), tap.correlationId());
    }

    private boolean factsHold(Batch batch, TapContext tap) {
        try {
            checkFacts(batch, tap);
            LedgerService.AccountState account = tap.accountId() == null ? null : ledger.state(batch, tap.accountId());
            return account == null || account.balanceMinor() == tap.facts().getBalanceMinor();
        } catch (ConcurrentChange changed) {
            return false;
        }
    }

    /** The facts again, from the state the writer holds now. */
    private void refreshFacts(Batch batch, TapContext tap) {
        CardDirectory.CardFact card = cards.find(tap.request().cardUid());
        if (card != null) {
            tap.facts().setCardStatus(io.tapbus.rules.tap.CardStatus.valueOf(card.status()));
        }
        LedgerService.AccountState account = tap.accountId() == null ? null : ledger.state(batch, tap.accountId());
        if (account != null) {
            tap.facts().setAccountStatus(io.tapbus.rules.tap.AccountStatus.valueOf(account.status()));
            tap.facts().setBalanceMinor(account.balanceMinor());
        }
        tap.facts().setDailySpentMinor(dailySpend.current(batch, tap.request().cardUid()));
    }

    /** The card status and today's spend the rules saw must still hold (the balance is checked by the posting). */
    private void checkFacts(Batch batch, TapContext tap) {
        CardDirectory.CardFact card = cards.find(tap.request().cardUid());
        String status = card == null ? "UNKNOWN" : card.status();
        if (!tap.facts().getCardStatus().name().equals(status)) {
            throw new ConcurrentChange("the card's status changed");
        }
        dailySpend.check(batch, tap.request().cardUid(), tap.facts().getDailySpentMinor());
    }

    private static BusinessEvent event(TapContext tap, String txnId, String status, List<Reason> reasons) {
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
}
