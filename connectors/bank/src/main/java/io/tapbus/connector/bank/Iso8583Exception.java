package io.tapbus.connector.bank;

import java.util.Optional;

/**
 * A message that cannot be decoded or encoded as given. The message text names the part (MTI, bitmap, field number
 * and name) and why, and never contains a field's value, so it is safe to log.
 *
 * <p>When decoding fails after the MTI was read, {@link #partial()} holds the MTI and the fields decoded before the
 * failure, which is what {@link FormatErrorResponse} needs to answer with response code 30. Being an expected outcome
 * of bad input, this exception carries no stack trace.
 */
public class Iso8583Exception extends Exception {

    private static final long serialVersionUID = 1L;

    private final Iso8583Problem problem;
    private final int field;
    private final transient Iso8583Message partial;

    public Iso8583Exception(Iso8583Problem problem, String reason) {
        this(problem, 0, reason, null);
    }

    public Iso8583Exception(Iso8583Problem problem, int field, String reason, Iso8583Message partial) {
        super(reason, null, false, false);
        this.problem = problem;
        this.field = field;
        this.partial = partial;
    }

    public Iso8583Problem problem() {
        return problem;
    }

    /** The field number the problem is in, or 0 when it is in the MTI, the bitmap or the message as a whole. */
    public int field() {
        return field;
    }

    /** The MTI and the fields decoded before the failure; empty when the MTI itself could not be used. */
    public Optional<Iso8583Message> partial() {
        return Optional.ofNullable(partial);
    }

    /** The same problem, placed in a field and with what was decoded so far. */
    Iso8583Exception in(FieldDefinition definition, Iso8583Message decodedSoFar) {
        return new Iso8583Exception(problem, definition.number(), definition.label() + ": " + getMessage(),
                decodedSoFar);
    }

    Iso8583Exception with(Iso8583Message decodedSoFar) {
        return new Iso8583Exception(problem, field, getMessage(), decodedSoFar);
    }
}
