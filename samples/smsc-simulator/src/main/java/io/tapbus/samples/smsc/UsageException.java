package io.tapbus.samples.smsc;

/** A command line or control command that cannot be used; its message says why. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
