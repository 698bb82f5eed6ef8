package io.tapbus.connector.phone;

/**
 * A part the link could not hand to the SMSC. {@link #outcomeUnknown()} is true when its submit_sm went out but no
 * response came back (the link dropped, or the SMSC was silent for the response timeout): the SMSC may have it, so
 * the link never sends it again by itself; whoever owns the message decides. Otherwise the SMSC refused it with
 * {@link #commandStatus()}.
 */
public final class SubmitException extends RuntimeException {

    private final int commandStatus;
    private final boolean outcomeUnknown;

    private SubmitException(String message, int commandStatus, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.commandStatus = commandStatus;
        this.outcomeUnknown = outcomeUnknown;
    }

    static SubmitException refused(int part, int commandStatus) {
        return new SubmitException(String.format("part %d refused by the SMSC with command_status 0x%08X", part,
                commandStatus), commandStatus, false, null);
    }

    static SubmitException unknown(int part, Throwable cause) {
        return new SubmitException("part " + part + " was sent but no submit_sm_resp came back: " + cause.getMessage(),
                0, true, cause);
    }

    static SubmitException stopped(int part) {
        return new SubmitException("part " + part + " not sent: the link is closed", 0, false, null);
    }

    public int commandStatus() {
        return commandStatus;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
