package io.tapbus.runtime.reader;

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
    /** (reader, correlationId) of recorded taps to their transaction: a retry is recognised without a query. */
    private final StateTable<String, String> recorded;

    public TapRecorder(Jdbi jdbi, WritePath writes, CardDirectory cards, LedgerService ledger, DailySpend dailySpend,
                       DecisionRecords decisions, EventOutbox outbox) {
        this.writes = writes;
        this.cards = cards;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.decisions = decisions;
        this.outbox = outbox;
        // no row read per key: recent taps are loaded at start, older retries meet the table's unique key
        this.recorded = new StateTable<>("tap retry keys", jdbi, (h, key) -> null, (batch, key, txnId, exists) -> { });
    }

    int rememberRecentTaps(Jdbi jdbi, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT reader_id, correlation_id, txn_id FROM txn WHERE kind = 'TAP' AND created_at > ?"
                        + " AND correlation_id IS NOT NULL").bind(0, since)
                .map((rs, ctx) -> {
                    recorded.preload(key(rs.getString(1), rs.getString(2)), rs.getString(3));
                    return 1;
                }).list().size());
    }

    boolean recorded(TapContext tap) {
        return recorded.read(key(tap.readerId(), tap.correlationId())) != null;
    }

    CompletableFuture<TapResponse> submit(TapContext tap) {
        return writes.submit(batch -> record(batch, tap));
    }

    private static String key(String readerId, String correlationId) {
        return readerId + "|" + correlationId;
    }

    private TapResponse record(Batch batch, TapContext tap) {
        String retryKey = key(tap.readerId(), tap.correlationId());
        if (tap.retryable() && batch.state(recorded, retryKey) != null) {
            return ALREADY_RECORDED;
        }
        Decision decision = tap.decision();
        TapRequest req = tap.request();
        List<Reason> reasons = new ArrayList<>(decision.getReasons());
        String txnId = Transactions.newId();
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
                approved = false; // another payment spent the balance between the facts and now: decline, never overdraw
                reasons.add(new Reason("INSUFFICIENT_FUNDS", "balance changed while the tap was being decided"));
            } catch (ConcurrentChange changed) {
                approved = false;
                reasons.add(new Reason("CONCURRENT_CHANGE", "the card changed while the tap was being decided; tap again"));
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
