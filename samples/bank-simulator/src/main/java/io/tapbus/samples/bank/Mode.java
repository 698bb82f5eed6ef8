package io.tapbus.samples.bank;

/** What the host does with its answer to a request. In every mode the host decides and journals the request. */
public enum Mode {
    /** Send the answer (after the configured delay). */
    ANSWER,
    /** Never send the answer; the connection stays open, as with a host that lost the response. */
    TIMEOUT,
    /** Close the connection instead of answering. */
    DISCONNECT;

    static Mode parse(String text) throws UsageException {
        for (Mode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new UsageException("unknown mode '" + text + "' (use answer, timeout or disconnect)");
    }
}
