package io.tapbus.rules;

/** The decision is unknown, has never built, or the engine is closed: there is no rule set to ask. */
public class DecisionUnavailableException extends RuntimeException {
    private final String decisionName;

    public DecisionUnavailableException(String decisionName, String message) {
        super(message);
        this.decisionName = decisionName;
    }

    public String decisionName() {
        return decisionName;
    }
}
