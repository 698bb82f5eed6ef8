package io.tapbus.samples.tag;

/** The command line cannot be used; the message says why (and never contains a key). Exit code 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
