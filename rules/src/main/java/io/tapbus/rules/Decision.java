package io.tapbus.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.kie.api.definition.type.Modifies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one decision: verdict, reasons, the rules that fired and which rule set version ran.
 *
 * <p>The engine inserts a fresh Decision next to the input; rule consequences change it through
 * {@code modify($decision) { decline("CODE", "message") }}. The {@link Modifies} annotations tell
 * Drools which properties each method changes, so a rule such as
 * {@code Decision( verdict == null )} is re-evaluated after a decline.
 *
 * <p>Not thread-safe: one Decision belongs to one evaluation.
 */
public final class Decision {
    public static final String APPROVED = "APPROVED";
    public static final String DECLINED = "DECLINED";
    public static final String REFERRED = "REFERRED";

    private final String decisionId;
    private final String decisionName;
    private final String ruleSetVersion;
    private String verdict;
    private final List<Reason> reasons = new ArrayList<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private List<String> rulesFired = List.of();
    private Instant decidedAt;
    private Object facts;

    public Decision(String decisionName, String ruleSetVersion) {
        this(TimeOrderedId.next(), decisionName, ruleSetVersion);
    }

    private Decision(String decisionId, String decisionName, String ruleSetVersion) {
        this.decisionId = Objects.requireNonNull(decisionId, "decisionId");
        this.decisionName = Objects.requireNonNull(decisionName, "decisionName");
        this.ruleSetVersion = ruleSetVersion;
    }

    /** Reads a decision back from its JSON form (audit records, messages). */
    @JsonCreator
    static Decision fromJson(@JsonProperty("decisionId") String decisionId,
                             @JsonProperty("decisionName") String decisionName,
                             @JsonProperty("ruleSetVersion") String ruleSetVersion,
                             @JsonProperty("verdict") String verdict,
                             @JsonProperty("reasons") List<Reason> reasons,
                             @JsonProperty("rulesFired") List<String> rulesFired,
                             @JsonProperty("outputs") Map<String, Object> outputs,
                             @JsonProperty("decidedAt") Instant decidedAt) {
        Decision decision = new Decision(decisionId, decisionName, ruleSetVersion);
        decision.verdict = verdict;
        if (reasons != null) {
            decision.reasons.addAll(reasons);
        }
        if (outputs != null) {
            decision.outputs.putAll(outputs);
        }
        decision.finish(rulesFired == null ? List.of() : rulesFired, decidedAt);
        return decision;
    }

    // ---- for rule consequences ----

    /** Declines, adding a reason. A decline always wins over an earlier approve or refer. */
    @Modifies({"verdict", "reasons"})
    public void decline(String code, String message) {
        verdict = DECLINED;
        reasons.add(new Reason(code, message));
    }

    /**
     * Approves. Refuses to turn a declined or referred decision into an approval: that only happens
     * when an approving rule did not see the decline (a consequence that changed the decision
     * without {@code modify}), and failing is safer than approving.
     */
    @Modifies({"verdict"})
    public void approve() {
        if (DECLINED.equals(verdict) || REFERRED.equals(verdict)) {
            throw new IllegalStateException("cannot approve a decision that is already " + verdict
                    + " (reasons " + reasonCodes() + "); change the decision inside modify($decision) { ... }"
                    + " so that rules testing the verdict see the change");
        }
        verdict = APPROVED;
    }

    /** Refers the decision to a person, adding a reason. Does not weaken a decline. */
    @Modifies({"verdict", "reasons"})
    public void refer(String code, String message) {
        if (!DECLINED.equals(verdict)) {
            verdict = REFERRED;
        }
        reasons.add(new Reason(code, message));
    }

    /** Sets a verdict of the decision's own vocabulary (GENUINE, SUSPECT, ...). */
    @Modifies({"verdict"})
    public void verdict(String verdict) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    /** Adds a reason without changing the verdict. */
    @Modifies({"reasons"})
    public void reason(String code, String message) {
        reasons.add(new Reason(code, message));
    }

    /** Adds an output value for the caller (e.g. the remaining daily limit). */
    @Modifies({"outputs"})
    public void put(String key, Object value) {
        outputs.put(Objects.requireNonNull(key, "key"), value);
    }

    // ---- set by the engine ----

    void finish(List<String> rulesFired, Instant decidedAt) {
        this.rulesFired = List.copyOf(rulesFired);
        this.decidedAt = decidedAt;
    }

    /** The input fact the rules decided on; kept with the decision so its record can hold what a replay needs. */
    void useFacts(Object facts) {
        this.facts = facts;
    }

    // ---- getters (DRL constraints and Jackson) ----

    public String getDecisionId() {
        return decisionId;
    }

    public String getDecisionName() {
        return decisionName;
    }

    public String getRuleSetVersion() {
        return ruleSetVersion;
    }

    /** APPROVED, DECLINED, REFERRED or a verdict of the decision's own vocabulary; null when no rule decided. */
    public String getVerdict() {
        return verdict;
    }

    public List<Reason> getReasons() {
        return Collections.unmodifiableList(reasons);
    }

    /** Names of the rules that fired, in firing order. */
    public List<String> getRulesFired() {
        return rulesFired;
    }

    public Map<String, Object> getOutputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    /**
     * The input fact the rules consumed (null for a decision read back from JSON). Not a getter on purpose:
     * the decision's JSON form (messages, answers) does not carry the facts.
     */
    public Object facts() {
        return facts;
    }

    /** The reason codes, in the order the rules gave them. */
    public List<String> reasonCodes() {
        return reasons.stream().map(Reason::code).toList();
    }

    @Override
    public String toString() {
        return decisionName + "@" + ruleSetVersion + " " + verdict + " " + reasonCodes() + " fired " + rulesFired;
    }
}
