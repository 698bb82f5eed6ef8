package io.tapbus.rules;

/** The rules ran but did not come to a decision: a rule threw, or rules kept firing (a loop). */
public class DecisionFailedException extends RuntimeException {
    private final String decisionName;
    private final String ruleSetVersion;

    public DecisionFailedException(String decisionName, String ruleSetVersion, String message, Throwable cause) {
        super(message, cause);
        this.decisionName = decisionName;
        this.ruleSetVersion = ruleSetVersion;
    }

    public String decisionName() {
        return decisionName;
    }

    public String ruleSetVersion() {
        return ruleSetVersion;
    }
}
