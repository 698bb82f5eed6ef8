package io.tapbus.samples.mmsc;

/** A command line the simulator cannot use; the message says why. */
public class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String reason) {
        super(reason, null, false, false);
    }
}
