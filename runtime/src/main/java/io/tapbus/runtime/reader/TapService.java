package io.tapbus.runtime.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.rules.Decision;
import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.observe.StageTimers;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tap flow's steps around the decision: the answer to a retry, the facts the rules decide on (all
 * held in memory by the write path after their first read), and handing the decided tap to
 * {@link TapRecorder} for the durable write.
 */
public final class TapService {
    public static final String DECISION = "tap-authorize";
    private static final Logger LOG = LoggerFactory.getLogger(TapService.class);
    /** Retries are recognised from memory for taps recorded this long before a restart; older ones by the table's unique key. */
    static final Duration RETRY_MEMORY = Duration.ofHours(24);

    private final Jdbi jdbi;
    private final ReaderRegistry readers;
    private final CardDirectory cards;
    private final LedgerService ledger;
    private final DailySpend dailySpend;
    private final TapRecorder recorder;
    private final StageTimers stages;
    private final ObjectMapper json;

    public TapService(Jdbi jdbi, ReaderRegistry readers, CardDirectory cards, LedgerService ledger, DailySpend dailySpend,
                      TapRecorder recorder, StageTimers stages, ObjectMapper json) {
        this.stages = stages;
        this.jdbi = jdbi;
        this.readers = readers;
        this.cards = cards;
        this.ledger = ledger;
        this.dailySpend = dailySpend;
        this.recorder = recorder;
        this.json = json;
        int known = recorder.rememberRecentTaps(jdbi, Instant.now().minus(RETRY_MEMORY));
        LOG.info("tap retries: {} taps of the last {} h known", known, RETRY_MEMORY.toHours());
    }

    /**
     * A reader that did not get an answer retries with the same correlationId: answer it with the
     * recorded outcome instead of deciding again.
     */
    public void findEarlierOutcome(TapContext tap) {
        if (tap.retryable() && recorder.recorded(tap)) {
            tap.answer(earlierOutcome(tap));
        }
    }

    /** The recorded answer of (reader, correlationId), read from the tables (a retry is rare). */
    TapResponse earlierOutcome(TapContext tap) {
        recorder.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT t.txn_id, t.status, t.decision_id, d.reasons, c.account_id FROM txn t "
                        + "LEFT JOIN decision_record d ON d.decision_id = t.decision_id LEFT JOIN card c ON c.card_uid = t.card_uid "
                        + "WHERE t.reader_id = ? AND t.correlation_id = ?")
                .bind(0, tap.readerId()).bind(1, tap.correlationId())
                .mapToMap().findOne()
                .map(row -> {
                    String accountId = (String) row.get("account_id");
                    LOG.info("tap retry from reader {} answered with the recorded outcome of {}", tap.readerId(), row.get("txn_id"));
                    return new TapResponse(TapResponse.Verdict.valueOf((String) row.get("status")),
                            storedReasons((String) row.get("reasons")), (String) row.get("txn_id"), (String) row.get("decision_id"),
                            accountId == null ? null : ledger.balance(accountId), tap.correlationId());
                })
                .orElseThrow(() -> new IllegalStateException("tap " + tap.correlationId() + " was recorded but cannot be read")));
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

    /** The facts the tap-authorize rules decide on: reader's merchant, card, account, today's spend. */
    public void gatherFacts(TapContext tap) {
        long start = System.nanoTime();
        ReaderRegistry.ReaderEntry reader = readers.entry(tap.readerId()).orElseThrow();
        TapRequest req = tap.request();
        TapAuthorizationInput facts = new TapAuthorizationInput();
        facts.setReaderId(tap.readerId());
        facts.setMerchantId(reader.merchantId());
        facts.setCardUid(req.cardUid());
        facts.setAmountMinor(req.amountMinor());
        facts.setCurrency(req.currency());
        CardDirectory.CardFact card = cards.find(req.cardUid());
        String accountId = null;
        if (card == null) {
            facts.setCardStatus(CardStatus.UNKNOWN);
            facts.setAccountStatus(AccountStatus.NONE);
        } else {
            facts.setCardStatus(CardStatus.valueOf(card.status()));
            accountId = card.accountId();
            LedgerService.AccountState account = accountId == null ? null : ledger.state(accountId);
            facts.setAccountStatus(account == null ? AccountStatus.NONE : AccountStatus.valueOf(account.status()));
            facts.setBalanceMinor(account == null ? 0 : account.balanceMinor());
            facts.setDailySpentMinor(dailySpend.today(req.cardUid()));
        }
        tap.enriched(reader.merchantId(), accountId, facts);
        stages.record("tap", "facts", start);
    }

    /** Hands the decided tap to the write path; completes with the answer once it is durable. */
    public CompletableFuture<TapContext> record(TapContext tap) {
        long start = System.nanoTime();
        return recorder.submit(tap).handle((answer, failure) -> {
            stages.record("tap", "durable_write", start);
            if (failure == null) {
                if (answer == TapRecorder.ALREADY_RECORDED) {
                    tap.answer(earlierOutcome(tap));
                } else {
                    tap.answer(answer);
                    log(tap, answer);
                }
                return tap;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof DomainError de && de.code() == DomainError.Code.DUPLICATE && tap.retryable()) {
                tap.answer(earlierOutcome(tap)); // a retry of a tap older than the retry memory
                return tap;
            }
            throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
        });
    }

    private void log(TapContext tap, TapResponse answer) {
        Decision decision = tap.decision();
        LOG.info("tap {} reader={} card={} amountMinor={} verdict={} reasons={} ruleSet={}", answer.transactionId(), tap.readerId(),
                Masking.lastFour(tap.request().cardUid()), tap.request().amountMinor(), answer.verdict(),
                answer.reasons().stream().map(TapResponse.Reason::code).toList(), decision.getRuleSetVersion());
    }
}
