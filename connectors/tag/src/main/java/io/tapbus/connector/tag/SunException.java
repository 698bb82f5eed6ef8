package io.tapbus.connector.tag;

/**
 * A SUN message, key or command line that cannot be used as given: bad hex, a wrong length, a missing part, a
 * PICCDataTag no NTAG 424 DNA produces. The message says which input and why, and never contains key material.
 *
 * <p>A message that is well formed but not authentic is not an exception: it is a {@link SunResult} whose
 * {@code macValid} is false. Being an expected outcome of bad input, this exception carries no stack trace.
 */
public class SunException extends Exception {

    private static final long serialVersionUID = 1L;

    public SunException(String reason) {
        super(reason, null, false, false);
    }
}
