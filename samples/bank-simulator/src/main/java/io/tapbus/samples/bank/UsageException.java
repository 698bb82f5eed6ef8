package io.tapbus.samples.bank;

/** A command line or control command that cannot be used; the message says why. */
public class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String reason) {
        super(reason, null, false, false);
    }
}
