package io.tapbus.runtime.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.Decision;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.write.Batch;
import java.util.List;

/**
 * The one writer of {@code decision_record}: the verdict a flow acted on, its reasons, the rules that
 * fired and the rule set's version, so every decision can be found and explained later; and the facts the
 * rules decided on ({@link DecisionFacts}), in the same write, so a candidate rule set can be replayed over them.
 */
public final class DecisionRecords {
    private final ObjectMapper json;
    private final DecisionFacts facts = new DecisionFacts();

    public DecisionRecords(ObjectMapper json) {
        this.json = json;
    }

    /** @param verdict what the flow did (the rules' verdict, or a decline when the facts changed meanwhile) */
    public void record(Batch batch, Decision d, String verdict, List<Reason> reasons, String correlationId) {
        String corr = correlationId == null || correlationId.length() <= 64 ? correlationId : correlationId.substring(0, 64);
        DecisionFacts.Recorded f = facts.record(d.facts());
        batch.stage("INSERT INTO decision_record(decision_id, decision_name, rule_set_version, verdict, reasons, rules_fired,"
                        + " correlation_id, decided_at, facts, rule_verdict, card_uid, reader_id, merchant_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.getDecisionId(), d.getDecisionName(), d.getRuleSetVersion(), verdict, text(reasons), text(d.getRulesFired()),
                corr, d.getDecidedAt(), f.facts(), d.getVerdict(), f.cardUid(), f.readerId(), f.merchantId());
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision cannot be written as JSON", e);
        }
    }
}
