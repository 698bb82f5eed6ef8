package io.tapbus.rules.tag;

/**
 * Something a tag-authenticity rule found about a scan, with the verdict it calls for. Detection rules insert
 * findings; the verdict rules pick the gravest verdict among them and every finding becomes a reason.
 */
public final class Finding {
    public static final String COUNTERFEIT = "COUNTERFEIT";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String SUSPECT = "SUSPECT";

    private final String code;
    private final String verdict;
    private final String message;

    public Finding(String code, String verdict, String message) {
        if (!COUNTERFEIT.equals(verdict) && !UNKNOWN.equals(verdict) && !SUSPECT.equals(verdict)) {
            throw new IllegalArgumentException("a finding calls for COUNTERFEIT, UNKNOWN or SUSPECT, not " + verdict);
        }
        this.code = code;
        this.verdict = verdict;
        this.message = message;
    }

    public String getCode() {
        return code;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return "Finding[" + code + " -> " + verdict + "]";
    }
}
